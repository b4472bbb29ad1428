"""Writes for listening: engagements from the safeguarding check to closure, consent and its
withdrawal, sessions, what they said, agreed responses, "you said, we did" evidence, and
family feedback.

Every write checks its capability (``voice.manage_engagements``; what they said also needs
``voice.view_words``; feedback ``voice.manage_feedback``), runs in one transaction with the
user as the audit actor, and refuses with a message that names the field. Edits to an
engagement or feedback go through ``update_versioned``. No contact (invitation, consent,
session) may be recorded unless the latest safeguarding check on or before that day passed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cairn.accounts.permissions import ensure, may
from cairn.actionplans.selectors import plan_actions_visible_to
from cairn.audit.context import acting_as
from cairn.core.services import update_versioned
from cairn.core.vocabulary import default_terms, term_add, term_set_active, terms_seed
from cairn.incidents.selectors.incidents import incidents_visible_to
from cairn.people.selectors import people_visible_to
from cairn.reviews.selectors import recommendations_visible_to, reviews_visible_to
from cairn.voice import selectors
from cairn.voice.models import (
    AgreedResponse,
    CheckOutcome,
    ClosureReason,
    Consent,
    ConsentKind,
    ContactMethod,
    Contribution,
    Engagement,
    EngagementStage,
    FamilyFeedback,
    FeedbackFrom,
    FeedbackOutcome,
    InvitationReply,
    ParticipantKind,
    SafeguardingCheck,
    Session,
    VoiceTheme,
    YouSaidWeDid,
)

MANAGE = "voice.manage_engagements"
WORDS = "voice.view_words"
MANAGE_FEEDBACK = "voice.manage_feedback"
THEMES_FILE = Path(__file__).resolve().parent.parent / "data" / "voice_themes.yaml"


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _refuse(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _date(errors: dict, field: str, day: date | None, what: str) -> None:
    """``day`` is required, and today or in the past."""
    if field in errors:
        return
    if day is None:
        errors[field] = f"Enter {what[0].lower()}{what[1:]}"
    elif day > timezone.localdate():
        errors[field] = f"{what} must be today or in the past"


def _open(engagement: Engagement) -> None:
    if engagement.closed_on is not None:
        raise ValidationError(
            f"This engagement was closed on {_day(engagement.closed_on)}: nothing more can be "
            "recorded on it"
        )


def _contact_allowed(errors: dict, field: str, engagement: Engagement, day: date | None) -> None:
    """Contact on ``day`` needs a passed safeguarding check on or before it."""
    if day is None or field in errors:
        return
    check = selectors.check_before(engagement, day)
    if check is None:
        errors[field] = (
            "No contact can be made before a safeguarding check has passed: record a passed "
            f"check on or before {_day(day)} first"
        )
    elif check.outcome != CheckOutcome.PASSED:
        errors[field] = (
            f"The safeguarding check on {_day(check.checked_on)} did not pass: no contact can "
            "be made until a new check passes"
        )


def _restage(engagement: Engagement) -> Engagement:
    """Work out the engagement's stage from its records, and save it if it changed."""
    e = engagement
    if e.closed_on is not None:
        stage = EngagementStage.CLOSED
    elif e.responses.exists():
        stage = EngagementStage.FOLLOW_UP
    elif e.sessions.exists() or e.consents.filter(kind=ConsentKind.TAKE_PART).exists():
        stage = EngagementStage.TAKING_PART
    elif e.invited_on is not None:
        stage = EngagementStage.INVITED
    elif selectors.check_passed(e):
        stage = EngagementStage.READY
    else:
        stage = EngagementStage.CHECK
    if stage != e.stage:
        e.stage = stage
        e.save(update_fields=["stage", "updated_at"])
    return e


# Themes -----------------------------------------------------------------------------------


def default_themes() -> list[dict]:
    return default_terms(THEMES_FILE)


def voice_themes_seed(*, partnership) -> int:
    """Give ``partnership`` the default listening themes it does not have yet (by name); a theme
    the partnership retired is never added again. Returns how many were added."""
    return terms_seed(VoiceTheme, partnership=partnership, path=THEMES_FILE)


def voice_theme_add(*, by, partnership, name: str, description: str = "") -> VoiceTheme:
    ensure(by, MANAGE, partnership)
    return term_add(
        VoiceTheme, by=by, partnership=partnership, name=name, description=description, noun="theme"
    )


def voice_theme_set_active(*, by, theme: VoiceTheme, is_active: bool) -> VoiceTheme:
    """Retire a theme (it stays on what is already tagged with it) or bring it back."""
    ensure(by, MANAGE, theme)
    return term_set_active(by=by, term=theme, is_active=is_active)


# Engagements ------------------------------------------------------------------------------


def _link_errors(by, partnership, *, person, incident, review, recommendation) -> dict:
    errors = {}
    if person is not None and not people_visible_to(by).filter(pk=person.pk).exists():
        errors["person"] = "Choose a person you can see in Cairn, or describe them instead"
    if incident is not None and not incidents_visible_to(by).filter(pk=incident.pk).exists():
        errors["incident"] = "Choose an incident you can see"
    if review is not None and not reviews_visible_to(by).filter(pk=review.pk).exists():
        errors["review"] = "Choose a review of this partnership"
    if (
        recommendation is not None
        and not recommendations_visible_to(by).filter(pk=recommendation.pk).exists()
    ):
        errors["recommendation"] = "Choose a recommendation of this partnership"
    return errors


def engagement_create(
    *,
    by,
    partnership,
    title: str,
    participant_kind: str,
    person=None,
    participant_description: str = "",
    incident=None,
    review=None,
    recommendation=None,
) -> Engagement:
    """Start an engagement with a young person or a parent or carer. The person who starts it
    owns it; nobody is contacted until a safeguarding check has passed."""
    ensure(by, MANAGE, partnership)
    errors = _link_errors(
        by,
        partnership,
        person=person,
        incident=incident,
        review=review,
        recommendation=recommendation,
    )
    if not title.strip():
        errors["title"] = "Enter a name that identifies no one, for example ‘Young person A’"
    if participant_kind not in ParticipantKind.values:
        errors["participant_kind"] = "Choose who the engagement is with"
    if person is None and not participant_description.strip():
        errors["participant_description"] = (
            "Choose the person in Cairn, or describe them without identifying detail"
        )
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        return Engagement.objects.create(
            partnership=partnership,
            title=title.strip(),
            participant_kind=participant_kind,
            person=person,
            participant_description=participant_description.strip(),
            incident=incident,
            review=review,
            recommendation=recommendation,
            owner=by,
        )


def engagement_update(
    *, by, engagement: Engagement, expected_version: int, **changes
) -> Engagement:
    """Change what an engagement is about: its title, who it is with, what it is linked to."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    merged = {
        name: changes.get(name, getattr(engagement, name))
        for name in ("person", "incident", "review", "recommendation")
    }
    errors = _link_errors(by, engagement.partnership, **merged)
    if "title" in changes and not changes["title"].strip():
        errors["title"] = "Enter a name that identifies no one, for example ‘Young person A’"
    description = changes.get("participant_description", engagement.participant_description)
    if merged["person"] is None and not description.strip():
        errors["participant_description"] = (
            "Choose the person in Cairn, or describe them without identifying detail"
        )
    _refuse(errors)
    return update_versioned(
        obj=engagement, expected_version=expected_version, changes=changes, by=by
    )


def check_record(
    *, by, engagement: Engagement, checked_on: date | None, outcome: str, note: str = ""
) -> SafeguardingCheck:
    """A safeguarding check before contact: whether it is safe to contact them now."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    errors: dict[str, str] = {}
    _date(errors, "checked_on", checked_on, "The date of the check")
    if outcome not in CheckOutcome.values:
        errors["outcome"] = "Choose whether the check passed"
    if outcome == CheckOutcome.NOT_PASSED and not note.strip():
        errors["note"] = "Say why contact is not safe, and what would change that"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        check = SafeguardingCheck.objects.create(
            engagement=engagement,
            checked_on=checked_on,
            checked_by=by,
            outcome=outcome,
            note=note.strip(),
        )
        _restage(engagement)
    return check


def invitation_record(
    *,
    by,
    engagement: Engagement,
    expected_version: int,
    invited_on: date | None,
    invitation_how: str,
) -> Engagement:
    """The invitation to take part: only after a passed safeguarding check."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    errors: dict[str, str] = {}
    _date(errors, "invited_on", invited_on, "The date of the invitation")
    if invitation_how not in ContactMethod.values:
        errors["invitation_how"] = "Choose how they were invited"
    _contact_allowed(errors, "invited_on", engagement, invited_on)
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        engagement = update_versioned(
            obj=engagement,
            expected_version=expected_version,
            changes={"invited_on": invited_on, "invitation_how": invitation_how, "invited_by": by},
            by=by,
        )
        return _restage(engagement)


def invitation_reply(
    *, by, engagement: Engagement, expected_version: int, reply: str, replied_on: date | None
) -> Engagement:
    ensure(by, MANAGE, engagement)
    _open(engagement)
    if engagement.invited_on is None:
        raise ValidationError("Record the invitation before their reply")
    errors: dict[str, str] = {}
    if reply not in InvitationReply.values:
        errors["reply"] = "Choose their reply"
    if reply == InvitationReply.NO_REPLY:
        replied_on = replied_on or timezone.localdate()
    _date(errors, "replied_on", replied_on, "The date of their reply")
    if "replied_on" not in errors and replied_on < engagement.invited_on:
        errors["replied_on"] = (
            f"They cannot have replied before they were invited ({_day(engagement.invited_on)})"
        )
    _refuse(errors)
    return update_versioned(
        obj=engagement,
        expected_version=expected_version,
        changes={"reply": reply, "replied_on": replied_on},
        by=by,
    )


# Consent ----------------------------------------------------------------------------------


def consent_give(*, by, engagement: Engagement, kind: str, given_on: date | None) -> Consent:
    """Record one consent. Recording what they say, and sharing their views, each need their
    consent to take part first; none can be given twice while it is in force."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    errors: dict[str, str] = {}
    if kind not in ConsentKind.values:
        errors["kind"] = "Choose what they consented to"
    _date(errors, "given_on", given_on, "The date they gave consent")
    _contact_allowed(errors, "given_on", engagement, given_on)
    _refuse(errors)
    in_force = selectors.consents_in_force(engagement)
    if kind in in_force:
        raise ValidationError(
            {"kind": f"Their consent {ConsentKind(kind).label.lower()} is already recorded"}
        )
    if kind != ConsentKind.TAKE_PART and ConsentKind.TAKE_PART not in in_force:
        raise ValidationError(
            {"kind": "Record their consent to take part first: the other consents depend on it"}
        )
    with transaction.atomic(), acting_as(by):
        consent = Consent.objects.create(
            engagement=engagement, kind=kind, given_on=given_on, recorded_by=by
        )
        _restage(engagement)
    return consent


def consent_withdraw(
    *, by, consent: Consent, withdrawn_on: date | None, withdrawal_note: str = ""
) -> Consent:
    """They withdrew a consent. The record stays, with the date and who recorded it.
    Withdrawing consent to share hides their words everywhere they were shared, at once."""
    ensure(by, MANAGE, consent)
    with transaction.atomic(), acting_as(by):
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_on is not None:
            raise ValidationError(
                f"This consent was already withdrawn on {_day(consent.withdrawn_on)}"
            )
        errors: dict[str, str] = {}
        _date(errors, "withdrawn_on", withdrawn_on, "The date they withdrew consent")
        if "withdrawn_on" not in errors and withdrawn_on < consent.given_on:
            errors["withdrawn_on"] = (
                f"Consent cannot be withdrawn before it was given ({_day(consent.given_on)})"
            )
        _refuse(errors)
        consent.withdrawn_on = withdrawn_on
        consent.withdrawal_recorded_by = by
        consent.withdrawal_note = withdrawal_note.strip()
        consent.version = F("version") + 1
        consent.save()
        consent.refresh_from_db()
    return consent


# Sessions and what they said ----------------------------------------------------------------


def session_record(
    *, by, engagement: Engagement, held_on: date | None, facilitator: str, how: str
) -> Session:
    """A session: only after a passed check, while their consent to take part is in force."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    errors: dict[str, str] = {}
    _date(errors, "held_on", held_on, "The date of the session")
    if not facilitator.strip():
        errors["facilitator"] = "Enter who facilitated the session"
    if how not in ContactMethod.values:
        errors["how"] = "Choose how the session was held"
    _contact_allowed(errors, "held_on", engagement, held_on)
    if "held_on" not in errors and ConsentKind.TAKE_PART not in selectors.consents_in_force(
        engagement, on=held_on
    ):
        errors["held_on"] = (
            f"They had not consented to take part on {_day(held_on)}: record their consent "
            "to take part first"
        )
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        session = Session.objects.create(
            engagement=engagement,
            held_on=held_on,
            facilitator=facilitator.strip(),
            how=how,
            recorded_by=by,
        )
        _restage(engagement)
    return session


def _theme_errors(errors: dict, field: str, themes, partnership_id) -> None:
    for theme in themes:
        if theme.partnership_id != partnership_id or not theme.is_active:
            errors[field] = "Choose themes from this partnership's list"


def contribution_record(
    *, by, session: Session, text: str, shared_text: str = "", themes=()
) -> Contribution:
    """What they said in a session, with its themes. Only the engagement team records it
    (who may read it), only with their consent to be recorded; words to share only with
    their consent to share."""
    engagement = session.engagement
    ensure(by, MANAGE, engagement)
    ensure(by, WORDS, engagement)
    _open(engagement)
    in_force = selectors.consents_in_force(engagement)
    if ConsentKind.BE_RECORDED not in in_force:
        raise ValidationError(
            "They have not consented to have what they say recorded, or have withdrawn that "
            "consent: nothing they said can be recorded"
        )
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Enter what they said"
    if shared_text.strip() and ConsentKind.SHARE_VIEWS not in in_force:
        errors["shared_text"] = (
            "They have not agreed to have their views shared: leave this empty, or record "
            "their consent to share first"
        )
    _theme_errors(errors, "themes", themes, engagement.partnership_id)
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        contribution = Contribution.objects.create(
            session=session, text=text.strip(), shared_text=shared_text.strip(), recorded_by=by
        )
        contribution.themes.set(themes)
    return contribution


# Responses, follow-up and closure -------------------------------------------------------------


def response_agree(
    *, by, engagement: Engagement, text: str, agreed_on: date | None, theme=None
) -> AgreedResponse:
    """A response agreed with them: what the partnership will do."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    if not engagement.sessions.exists():
        raise ValidationError("Record a session first: responses are agreed with them")
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Enter what was agreed"
    _date(errors, "agreed_on", agreed_on, "The date it was agreed")
    if theme is not None:
        _theme_errors(errors, "theme", [theme], engagement.partnership_id)
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        response = AgreedResponse.objects.create(
            engagement=engagement,
            text=text.strip(),
            agreed_on=agreed_on,
            theme=theme,
            recorded_by=by,
        )
        _restage(engagement)
    return response


def follow_up_record(
    *,
    by,
    engagement: Engagement,
    expected_version: int,
    followed_up_on: date | None,
    follow_up_note: str,
) -> Engagement:
    """Going back to them to say what was done."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    last = engagement.responses.order_by("-agreed_on").first()
    if last is None:
        raise ValidationError("Agree a response with them before following it up")
    errors: dict[str, str] = {}
    _date(errors, "followed_up_on", followed_up_on, "The date they were told")
    if "followed_up_on" not in errors and followed_up_on < last.agreed_on:
        errors["followed_up_on"] = (
            f"The follow-up cannot be before the last response was agreed ({_day(last.agreed_on)})"
        )
    if not follow_up_note.strip():
        errors["follow_up_note"] = "Say what they were told was done"
    _refuse(errors)
    return update_versioned(
        obj=engagement,
        expected_version=expected_version,
        changes={"followed_up_on": followed_up_on, "follow_up_note": follow_up_note.strip()},
        by=by,
    )


def engagement_close(
    *,
    by,
    engagement: Engagement,
    expected_version: int,
    closed_on: date | None,
    closure_reason: str,
    closure_note: str = "",
) -> Engagement:
    """Close an engagement. Completed only once they have been told what was done."""
    ensure(by, MANAGE, engagement)
    _open(engagement)
    errors: dict[str, str] = {}
    _date(errors, "closed_on", closed_on, "The date it closed")
    if closure_reason not in ClosureReason.values:
        errors["closure_reason"] = "Choose why the engagement is closing"
    elif closure_reason == ClosureReason.COMPLETED and engagement.followed_up_on is None:
        errors["closure_reason"] = (
            "Record telling them what was done before closing the engagement as completed"
        )
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        engagement = update_versioned(
            obj=engagement,
            expected_version=expected_version,
            changes={
                "closed_on": closed_on,
                "closure_reason": closure_reason,
                "closure_note": closure_note.strip(),
            },
            by=by,
        )
        return _restage(engagement)


# You said, we did -----------------------------------------------------------------------------


def you_said_we_did_link(
    *,
    by,
    engagement: Engagement,
    what_we_did: str,
    linked_on: date | None,
    theme=None,
    response=None,
    contribution=None,
    recommendation=None,
    action=None,
) -> YouSaidWeDid:
    """Attach a theme or an agreed response, and optionally their words (anonymised, with
    their consent to share in force), as evidence to one recommendation or plan action."""
    ensure(by, MANAGE, engagement)
    errors: dict[str, str] = {}
    if (recommendation is None) == (action is None):
        errors["recommendation"] = "Choose one recommendation or one action"
    elif recommendation is not None and (
        not recommendations_visible_to(by).filter(pk=recommendation.pk).exists()
    ):
        errors["recommendation"] = "Choose a recommendation you can see"
    elif action is not None and not plan_actions_visible_to(by).filter(pk=action.pk).exists():
        errors["action"] = "Choose a plan action you can see"
    if theme is None and response is None:
        errors["theme"] = "Choose a theme or an agreed response"
    if theme is not None and theme.partnership_id != engagement.partnership_id:
        errors["theme"] = "Choose a theme from this partnership's list"
    if response is not None and response.engagement_id != engagement.pk:
        errors["response"] = "Choose a response agreed in this engagement"
    if contribution is not None and not (
        selectors.shareable_contributions(engagement).filter(pk=contribution.pk).exists()
    ):
        errors["contribution"] = (
            "Their words can be attached only while their consent to share is in force, "
            "from what they agreed to share in this engagement"
        )
    if not what_we_did.strip():
        errors["what_we_did"] = "Say what was done in answer"
    _date(errors, "linked_on", linked_on, "The date of the evidence")
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        return YouSaidWeDid.objects.create(
            engagement=engagement,
            theme=theme or (response.theme if response else None),
            response=response,
            contribution=contribution,
            recommendation=recommendation,
            action=action,
            what_we_did=what_we_did.strip(),
            linked_on=linked_on,
            linked_by=by,
        )


# Family feedback ------------------------------------------------------------------------------


def feedback_record(
    *,
    by,
    partnership,
    received_on: date | None,
    from_kind: str,
    summary: str,
    owner,
    from_description: str = "",
    incident=None,
    review=None,
) -> FamilyFeedback:
    """Feedback or a challenge from a family or advocate about how a case or review was
    handled. Its acknowledgement and response clocks start on the day it was received."""
    ensure(by, MANAGE_FEEDBACK, partnership)
    errors: dict[str, str] = {}
    _date(errors, "received_on", received_on, "The date it was received")
    if from_kind not in FeedbackFrom.values:
        errors["from_kind"] = "Choose who the feedback is from"
    if not summary.strip():
        errors["summary"] = "Enter what they raised"
    if incident is None and review is None:
        errors["incident"] = "Choose the incident or the review the feedback is about"
    if incident is not None and not incidents_visible_to(by).filter(pk=incident.pk).exists():
        errors["incident"] = "Choose an incident you can see"
    if review is not None and not reviews_visible_to(by).filter(pk=review.pk).exists():
        errors["review"] = "Choose a review of this partnership"
    if owner is None or not may(owner, MANAGE_FEEDBACK, partnership):
        errors["owner"] = "Choose an owner who can manage family feedback in this partnership"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        return FamilyFeedback.objects.create(
            partnership=partnership,
            received_on=received_on,
            from_kind=from_kind,
            from_description=from_description.strip(),
            summary=summary.strip(),
            owner=owner,
            incident=incident,
            review=review,
        )


def _not_before_received(errors: dict, field: str, day, feedback: FamilyFeedback, what: str):
    if field not in errors and day < feedback.received_on:
        errors[field] = f"{what} cannot be before it was received ({_day(feedback.received_on)})"


def feedback_acknowledge(
    *, by, feedback: FamilyFeedback, expected_version: int, acknowledged_on: date | None
) -> FamilyFeedback:
    ensure(by, MANAGE_FEEDBACK, feedback)
    errors: dict[str, str] = {}
    _date(errors, "acknowledged_on", acknowledged_on, "The date it was acknowledged")
    if "acknowledged_on" not in errors:
        _not_before_received(errors, "acknowledged_on", acknowledged_on, feedback, "It")
    _refuse(errors)
    return update_versioned(
        obj=feedback,
        expected_version=expected_version,
        changes={"acknowledged_on": acknowledged_on},
        by=by,
    )


def feedback_respond(
    *,
    by,
    feedback: FamilyFeedback,
    expected_version: int,
    outcome: str,
    response_text: str,
    responded_on: date | None,
) -> FamilyFeedback:
    """The outcome and the response sent to them. A response acknowledges feedback that was
    not acknowledged before."""
    ensure(by, MANAGE_FEEDBACK, feedback)
    errors: dict[str, str] = {}
    if outcome not in FeedbackOutcome.values:
        errors["outcome"] = "Choose the outcome"
    if not response_text.strip():
        errors["response_text"] = "Enter the response sent to them"
    _date(errors, "responded_on", responded_on, "The date of the response")
    if "responded_on" not in errors:
        _not_before_received(errors, "responded_on", responded_on, feedback, "The response")
    _refuse(errors)
    changes = {
        "outcome": outcome,
        "response_text": response_text.strip(),
        "responded_on": responded_on,
    }
    if feedback.acknowledged_on is None:
        changes["acknowledged_on"] = responded_on
    return update_versioned(obj=feedback, expected_version=expected_version, changes=changes, by=by)
