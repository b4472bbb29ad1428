"""Every create, update and delete of an audited model becomes an audit event.

Services set the actor with ``acting_as``; the request middleware sets it for web requests.
The previous state is read just before a save so that the event holds field-level
before/after values.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from cairn.audit.choices import AuditAction
from cairn.audit.services import diff, record_event, snapshot

AUDITED_APP_LABELS = {
    "accounts",
    "people",
    "incidents",
    "otp_totp",
    "governance",
    "reviews",
    "actionplans",
    "guidance",
    "publishing",
    "voice",
    "learning",
    "insights",
}
_BEFORE = "_cairn_audit_before"


def is_audited(model) -> bool:
    """Models of the audited apps, unless a model says ``cairn_audited = False`` (computed
    rows such as guidance findings); other models that say ``cairn_audited = True``."""
    explicit = getattr(model, "cairn_audited", None)
    if explicit is not None:
        return bool(explicit)
    return model._meta.app_label in AUDITED_APP_LABELS


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender) or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    setattr(instance, _BEFORE, snapshot(old) if old else None)


def _after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not is_audited(sender):
        return
    before = None if created else getattr(instance, _BEFORE, None)
    changes = diff(before, snapshot(instance))
    if not created and not changes:
        return
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    record_event(action=action, obj=instance, changes=changes)
    if hasattr(instance, _BEFORE):
        delattr(instance, _BEFORE)


def _after_delete(sender, instance, **kwargs):
    if is_audited(sender):
        record_event(
            action=AuditAction.DELETE, obj=instance, changes=diff(snapshot(instance), None)
        )


def _m2m_accessor(sender, instance, reverse, model) -> str:
    if not reverse:
        owner = type(instance)
        field = next(f for f in owner._meta.many_to_many if f.remote_field.through is sender)
        return field.name
    field = next(f for f in model._meta.many_to_many if f.remote_field.through is sender)
    return field.remote_field.get_accessor_name()


def _linked_pks(instance, accessor) -> list:
    return sorted(getattr(instance, accessor).values_list("pk", flat=True))


def _m2m_changed(sender, instance, action, reverse, model, **kwargs):
    """Links made or removed (an incident added to a review...) are writes too."""
    if not (is_audited(type(instance)) or is_audited(model)):
        return
    accessor = _m2m_accessor(sender, instance, reverse, model)
    if action in ("pre_add", "pre_remove", "pre_clear"):
        setattr(instance, f"{_BEFORE}_{accessor}", _linked_pks(instance, accessor))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    before = getattr(instance, f"{_BEFORE}_{accessor}", None)
    after = _linked_pks(instance, accessor)
    if before == after:
        return
    record_event(action=AuditAction.UPDATE, obj=instance, changes={accessor: [before, after]})


def _signed_in(sender, request, user, **kwargs):
    record_event(action=AuditAction.SIGN_IN, obj=user, actor=user)


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action=AuditAction.SIGN_OUT, obj=user, actor=user)


def _account(attempted: str):
    from cairn.accounts.models import User

    return User.objects.filter(email__iexact=attempted).select_related("agency").first()


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    attempted = str(credentials.get("username") or credentials.get("email") or "")[:254]
    account = _account(attempted)
    record_event(
        action=AuditAction.SIGN_IN_FAILED,
        object_type="accounts.user",
        object_id=str(account.pk) if account else "",
        object_label=attempted,
        partnership_id=account.partnership_id if account else None,
    )


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    account = _account(username or "")
    record_event(
        action=AuditAction.LOCKED_OUT,
        object_type="accounts.user",
        object_id=str(account.pk) if account else "",
        object_label=(username or "")[:254],
        partnership_id=account.partnership_id if account else None,
    )


def connect():
    pre_save.connect(_before_save, dispatch_uid="cairn_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="cairn_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="cairn_audit_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="cairn_audit_m2m_changed")
    user_logged_in.connect(_signed_in, dispatch_uid="cairn_audit_signed_in")
    user_logged_out.connect(_signed_out, dispatch_uid="cairn_audit_signed_out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="cairn_audit_sign_in_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="cairn_audit_locked_out")
