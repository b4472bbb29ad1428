"""Writes for incidents, involvements and MASH decisions. One transaction each, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import Agency
from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.incidents.choices import AbuseForm, InvolvementRole, MashStage, ReportOutcome
from cairn.incidents.models import Context, Decision, Incident, Involvement
from cairn.people.models import Person


@dataclass(frozen=True)
class ChildInIncident:
    """A child chosen (after searching) to be part of a new incident, with their own role."""

    person: Person
    role: str


def _check_child(
    child: ChildInIncident, *, occurred_on: date | None, reported_on: date, partnership_id: int
) -> None:
    person = child.person
    if person.partnership_id != partnership_id:
        raise ValidationError({"children": f"{person} belongs to another partnership"})
    if child.role not in InvolvementRole.values:
        raise ValidationError({"children": f"Choose {person}'s role in the incident"})
    if occurred_on and person.date_of_birth and occurred_on < person.date_of_birth:
        raise ValidationError(
            {"occurred_on": f"The incident date is before {person}'s date of birth"}
        )
    if person.date_of_birth and reported_on < person.date_of_birth:
        raise ValidationError(
            {"reported_at": f"The date it was reported is before {person}'s date of birth"}
        )


def incident_record(
    *,
    by,
    reported_at: datetime,
    forms: list[str],
    narrative: str,
    reporting_agency: Agency,
    referral_source: str,
    occurred_on: date | None = None,
    sexual_violence_kinds: list[str] = (),
    online_element: bool = False,
    reporter_role: str = "",
    referred_to_police: bool = False,
    contexts: list[Context] = (),
    children: list[ChildInIncident] = (),
    referred_to_mash: bool = True,
) -> Incident:
    """Record one incident with every child in it (at least one), each with their own role.

    When the report reached the MASH, each child's decision clock starts at ``reported_at``.
    """
    ensure(by, "incidents.record_incident", reporting_agency)
    if not children:
        raise ValidationError({"children": "Add at least one child to the incident"})
    if len({c.person.pk for c in children}) != len(children):
        raise ValidationError({"children": "The same child has been added twice"})
    if reported_at > timezone.now():
        raise ValidationError(
            {"reported_at": "The date it was reported must be today or in the past"}
        )
    for child in children:
        _check_child(
            child,
            occurred_on=occurred_on,
            reported_on=timezone.localdate(reported_at),
            partnership_id=by.partnership_id,
        )
    if not forms:
        raise ValidationError({"forms": "Select at least one form of abuse"})
    if sexual_violence_kinds and AbuseForm.SEXUAL_VIOLENCE not in forms:
        raise ValidationError({"sexual_violence_kinds": "Only sexual violence has these kinds"})
    if occurred_on and occurred_on > reported_at.date():
        raise ValidationError(
            {"occurred_on": "The incident cannot have happened after it was reported"}
        )
    if any(c.partnership_id != by.partnership_id for c in contexts):
        raise ValidationError({"contexts": "A context belongs to another partnership"})
    with transaction.atomic(), acting_as(by):
        incident = Incident.objects.create(
            partnership_id=by.partnership_id,
            reported_at=reported_at,
            occurred_on=occurred_on,
            forms=list(forms),
            sexual_violence_kinds=list(sexual_violence_kinds),
            online_element=online_element,
            narrative=narrative,
            reporting_agency=reporting_agency,
            reporter_role=reporter_role,
            referral_source=referral_source,
            referred_to_police=referred_to_police,
            recorded_by=by,
        )
        incident.contexts.set(contexts)
        for child in children:
            Involvement.objects.create(
                incident=incident,
                person=child.person,
                role=child.role,
                mash_received_at=reported_at if referred_to_mash else None,
                mash_stage=MashStage.CONTACT if referred_to_mash else "",
            )
    return incident


def involvement_add(*, by, incident: Incident, person: Person, role: str, **details) -> Involvement:
    """Add one child to an incident with their own role (search before create happens first)."""
    ensure(by, "incidents.record_incident", incident)
    if person.partnership_id != incident.partnership_id:
        raise ValidationError({"person": "This person belongs to another partnership"})
    if role not in InvolvementRole.values:
        raise ValidationError({"role": "Choose the child's role in the incident"})
    if Involvement.objects.filter(incident=incident, person=person).exists():
        raise ValidationError({"person": f"{person} is already part of this incident"})
    with transaction.atomic(), acting_as(by):
        return Involvement.objects.create(incident=incident, person=person, role=role, **details)


def mash_receive(*, by, involvement: Involvement, received_at: datetime) -> Involvement:
    """The MASH received a referral for this child: the decision clock starts."""
    ensure(by, "incidents.decide", involvement)
    with transaction.atomic(), acting_as(by):
        involvement.mash_received_at = received_at
        involvement.mash_stage = MashStage.CONTACT
        involvement.save()
    return involvement


def decision_record(*, by, involvement: Involvement, outcome: str, reasons: str) -> Decision:
    ensure(by, "incidents.decide", involvement)
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision"})
    with transaction.atomic(), acting_as(by):
        decision = Decision.objects.create(
            involvement=involvement,
            outcome=outcome,
            reasons=reasons,
            decided_by=by,
            decided_at=timezone.now(),
        )
        involvement.mash_stage = MashStage.DECIDED
        involvement.save()
    return decision


def decision_sign_off(*, decision: Decision, manager) -> Decision:
    """A manager (not the person who decided) signs the decision off."""
    ensure(manager, "incidents.sign_off", decision)
    if decision.signed_off_at:
        raise ValidationError("This decision has already been signed off")
    with transaction.atomic(), acting_as(manager):
        decision.signed_off_by = manager
        decision.signed_off_at = timezone.now()
        decision.save()
    return decision


INVOLVEMENT_DETAILS = (
    "views_and_wishes",
    "carer_views",
    "vulnerabilities",
    "outcome",
    "report_outcome",
)


def involvement_update(*, by, involvement: Involvement, expected_version: int, **changes):
    """One child's own part of the record: their views and wishes, their parents' or carers'
    views, SEND and other vulnerabilities, the outcome. Refuses a stale edit (EditConflict)."""
    from cairn.core.services import update_versioned

    ensure(by, "incidents.record_incident", involvement)
    unknown = set(changes) - set(INVOLVEMENT_DETAILS)
    if unknown:
        raise TypeError(f"involvement_update() cannot change {', '.join(sorted(unknown))}")
    if changes.get("report_outcome") and changes["report_outcome"] not in ReportOutcome.values:
        raise ValidationError({"report_outcome": "Choose an outcome of the report from the list"})
    return update_versioned(
        obj=involvement, expected_version=expected_version, changes=changes, by=by
    )


def involvement_triage(
    *, by, involvement: Involvement, expected_version: int, rag: str, stage: str
):
    """MASH screening for one child: priority and stage. Refuses a stale edit."""
    from cairn.core.services import update_versioned

    ensure(by, "incidents.decide", involvement)
    if stage not in (MashStage.SCREENING, MashStage.DECISION):
        raise ValidationError({"stage": "Choose screening or ready for a decision"})
    return update_versioned(
        obj=involvement,
        expected_version=expected_version,
        changes={"rag": rag, "mash_stage": stage},
        by=by,
    )
