"""Building thematic audits for tests: a small guidance library, incidents whose children were
decided on time or late, and a run carried out at once."""

import datetime as dt

from django.db.backends.postgresql.psycopg_any import DateRange

from cairn.guidance import thematic
from cairn.guidance.models import GuidanceDocument, GuidanceEdition, GuidanceLibrary, GuidanceRule
from cairn.guidance.tests.test_checks import at, child, decide
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.tests.factories import IncidentFactory

D = dt.date
REFERRAL = D(2019, 4, 1)  # a Monday


def decision_rule_library():
    """One automatic rule (a decision within 1 working day) and one judgement rule."""
    library = GuidanceLibrary.objects.create(
        key="t", title="Test", version=1, source_file="t.yaml", sha256="1" * 64
    )
    document = GuidanceDocument.objects.create(library=library, key="wt", title="WT")
    edition = GuidanceEdition.objects.create(
        document=document, key="wt2018", title="WT 2018", in_force=DateRange(D(2018, 7, 4), None)
    )
    GuidanceRule.objects.create(
        edition=edition,
        key="decision-in-a-day",
        title="Decision within a working day",
        paragraph="para 1",
        checks="A decision is made within one working day of the referral.",
        severity="high",
        mode="automatic",
        check_name="decision_within",
        params={"clock": "referral_decision"},
        source_line=1,
    )
    GuidanceRule.objects.create(
        edition=edition,
        key="parents-told",
        title="Parents told",
        paragraph="para 2",
        checks="Parents are told unless unsafe.",
        severity="low",
        mode="judgement",
        source_line=2,
    )


def incident_with_children(partnership, agency, *, on_time: bool, day=REFERRAL, n=2):
    incident = IncidentFactory(
        partnership=partnership,
        reporting_agency=agency,
        reported_at=at(day),
        forms=["sexual_violence"],
    )
    roles = [InvolvementRole.HARMED, InvolvementRole.HARMED_OTHERS, InvolvementRole.WITNESS]
    for i in range(n):
        involvement = child(incident, role=roles[i % 3], referral=day)
        decide(involvement, day + dt.timedelta(days=1 if on_time else 6))
    return incident


def whole_2019():
    return thematic.Cohort(reported_from=D(2019, 1, 1), reported_to=D(2019, 12, 31))


def run_now(partnership, auditor, cohort=None, **kw):
    run = thematic.thematic_audit_start(
        by=auditor,
        partnership=partnership,
        title="2019 cohort",
        cohort=cohort or whole_2019(),
        **kw,
    )
    return thematic.thematic_audit_execute(run_id=run.pk)
