"""A child's chronology: everything that happened to or about them, across every incident
(in any role) and every agency, in time order, filtered by what the viewer may see.

Each part of the casework contributes entries through a provider registered with
``@chronology_provider``; a provider receives only the involvements the viewer may see, so
nothing from another child's record, or from a record the viewer is excluded from, appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from cairn.incidents.models import Decision, Involvement
from cairn.incidents.selectors.incidents import involvements_visible_to


@dataclass(frozen=True)
class ChronologyEntry:
    when: dt.datetime
    what: str
    detail: str = ""
    agency: str = ""
    link: str = ""


Provider = Callable[[list[Involvement]], Iterable[ChronologyEntry]]
_providers: list[Provider] = []


def chronology_provider(fn: Provider) -> Provider:
    _providers.append(fn)
    return fn


def at_start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def chronology_for(*, person, viewer) -> list[ChronologyEntry]:
    involvements = list(
        involvements_visible_to(viewer)
        .filter(person=person)
        .select_related("incident", "incident__reporting_agency")
    )
    entries = [entry for provider in _providers for entry in provider(involvements)]
    return sorted(entries, key=lambda e: e.when)


@chronology_provider
def _incidents(involvements):
    for inv in involvements:
        incident = inv.incident
        link = reverse("incidents:detail", args=[incident.pk])
        if incident.occurred_on:
            yield ChronologyEntry(
                at_start_of(incident.occurred_on),
                f"Incident {incident.pk} happened",
                "; ".join(incident.form_labels()),
                link=link,
            )
        yield ChronologyEntry(
            incident.reported_at,
            f"Incident {incident.pk} reported: {inv.get_role_display().lower()}",
            "; ".join(incident.form_labels()),
            agency=str(incident.reporting_agency),
            link=link,
        )
        if inv.mash_received_at:
            yield ChronologyEntry(
                inv.mash_received_at, "Referral received by the MASH", agency="MASH", link=link
            )


@chronology_provider
def _decisions(involvements):
    decisions = Decision.objects.filter(involvement__in=involvements).select_related(
        "decided_by__agency", "signed_off_by"
    )
    for d in decisions:
        link = reverse("incidents:detail", args=[d.involvement.incident_id])
        agency = str(d.decided_by.agency or "")
        yield ChronologyEntry(
            d.decided_at, f"MASH decision: {d.get_outcome_display()}", d.reasons, agency, link
        )
        if d.signed_off_at:
            yield ChronologyEntry(
                d.signed_off_at, "MASH decision signed off", f"by {d.signed_off_by}", agency, link
            )
