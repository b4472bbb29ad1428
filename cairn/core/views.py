"""The home page, health check and error pages."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from cairn.accounts.permissions import public, signed_in
from cairn.core.selectors import home_panels_for


@signed_in
def home(request):
    return render(request, "core/home.html", {"panels": home_panels_for(request.user)})


@public
def health(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request, status, heading, *paragraphs):
    return render(
        request, "error.html", {"heading": heading, "paragraphs": paragraphs}, status=status
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        "You do not have permission to see this page",
        "Your roles do not allow this. If you think you need it for your work, "
        "ask your Cairn administrator.",
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        "Page not found",
        "If you typed the web address, check it is correct.",
        "If you followed a link, the record may not exist or may not be shared with you.",
    )


def server_error(request):
    return render(request, "500.html", status=500)
