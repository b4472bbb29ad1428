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


class AuditContextMiddleware:
    """Makes the signed-in user and their address the actor of everything in the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = _ip.set(request.META.get("REMOTE_ADDR"))
        actor_token = _actor.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(actor_token)
            _ip.reset(ip_token)
