"""Middleware that puts every request through the permission layer and two-factor sign-in."""

import logging

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from cairn.accounts.permissions import PUBLIC, view_decision
from cairn.accounts.roles import needs_two_factor

log = logging.getLogger(__name__)


class PermissionDeclaredMiddleware:
    """Deny by default: a view that declares no access rule is never reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        access = getattr(view_func, "cairn_access", None)
        if access is None:
            log.error("View %s declares no access rule: refused", view_func)
            raise PermissionDenied("This page has no access rule.")
        if access != PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not view_decision(view_func, request.user):
            raise PermissionDenied(getattr(view_func, "cairn_action", access))
        return None


def allow_before_two_factor(view):
    """Mark a view a signed-in user may reach before entering their code (set-up, sign out)."""
    view.cairn_before_two_factor = True
    return view


class TwoFactorRequiredMiddleware:
    """Users whose roles can see a child's record must have entered a TOTP code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not user.is_authenticated
            or getattr(view_func, "cairn_access", None) == PUBLIC
            or getattr(view_func, "cairn_before_two_factor", False)
            or user.is_verified()
            or not needs_two_factor(user.roles)
        ):
            return None
        return redirect("accounts:two_factor")
