"""Who is acting, for the audit trail: set per request by middleware, per service call by
``acting_as``. A write with no actor is recorded as done by the system."""

from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar = ContextVar("cairn_audit_actor", default=None)
_ip: ContextVar = ContextVar("cairn_audit_ip", default=None)


def current_actor():
    actor = _actor.get()
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def current_ip():
    return _ip.get()


@contextmanager
def acting_as(user):
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def client_address(request) -> str | None:
    """The user's address: behind ``CAIRN_PROXY_HOPS`` trusted proxies, the address the
    outermost trusted proxy saw (from X-Forwarded-For); otherwise REMOTE_ADDR."""
    from django.conf import settings

    hops = settings.CAIRN_PROXY_HOPS
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")


class AuditContextMiddleware:
    """Makes the signed-in user and their address the actor of everything in the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = _ip.set(client_address(request))
        actor_token = _actor.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(actor_token)
            _ip.reset(ip_token)
