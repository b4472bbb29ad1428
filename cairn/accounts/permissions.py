"""The one permission layer: "may this user do this to this object?". The default is no.

Every view declares how it is reached (``public``, ``signed_in`` or ``permission(action)``);
``PermissionDeclaredMiddleware`` refuses any view that declares nothing and checks the
action before the view runs. Object-level answers come from rules registered here with
``@object_rule(action)``; selectors apply the same rules as queryset filters.

Tenancy is part of every answer: an object that belongs to another partnership is never
permitted, whatever the role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from cairn.accounts.roles import capabilities_of

ObjectRule = Callable[[object, object], bool]
_object_rules: dict[str, ObjectRule] = {}

PUBLIC = "public"
SIGNED_IN = "signed_in"


def object_rule(action: str):
    """Register the object-level condition for ``action`` (on top of the capability)."""

    def register(fn: ObjectRule) -> ObjectRule:
        _object_rules[action] = fn
        return fn

    return register


def partnership_of(obj) -> int | None:
    """The partnership an object belongs to, by convention of its fields."""
    from cairn.accounts.models import Partnership

    if isinstance(obj, Partnership):
        return obj.pk
    if hasattr(obj, "partnership_id"):
        return obj.partnership_id
    raise TypeError(f"{type(obj).__name__} has no partnership: cannot decide access")


def may(user, action: str, obj=None) -> bool:
    """True only when ``user`` may do ``action`` (to ``obj``, when given)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.partnership_id is None or action not in capabilities_of(user.roles):
        return False
    if obj is None:
        return True
    if partnership_of(obj) != user.partnership_id:
        return False
    rule = _object_rules.get(action)
    return True if rule is None else bool(rule(user, obj))


def ensure(user, action: str, obj=None) -> None:
    """Raise PermissionDenied unless ``may``."""
    if not may(user, action, obj):
        raise PermissionDenied(action)


def _declare(view, access: str, action: str | None = None):
    view.cairn_access = access
    view.cairn_action = action
    return view


def public(view):
    """Reachable by anyone, signed in or not (sign-in page, public site, static)."""
    return _declare(view, PUBLIC)


def signed_in(view):
    """Reachable by any signed-in user; what it shows is scoped by selectors."""
    return _declare(view, SIGNED_IN)


def permission(action: str):
    """Reachable only by users whose roles grant ``action``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            ensure(request.user, action)
            return view(request, *args, **kwargs)

        return _declare(wrapped, "permission", action)

    return decorate


def view_decision(view, user) -> bool:
    """What the middleware decides for ``view`` and ``user`` before the view runs."""
    access = getattr(view, "cairn_access", None)
    if access == PUBLIC:
        return True
    if access == SIGNED_IN:
        return user.is_authenticated
    if access == "permission":
        return may(user, view.cairn_action)
    return False
