"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py).

The walk's rule belongs to a library of the walk's partnership, so another partnership's user
must not find it (national rules are shared by every partnership)."""

import tempfile
from pathlib import Path

from cairn.guidance.library import library_load
from cairn.guidance.models import AuditRun, CohortCase, RunStatus

LOCAL_LIBRARY = """\
key: local
title: Local procedures
documents:
  - key: local-procedures
    title: Local safeguarding procedures
    editions:
      - key: local2024
        title: Local safeguarding procedures 2024
        from: 2024-04-01
        status: confirmed
rules:
  - key: parents-informed-locally
    editions: [local2024]
    title: Parents told of the outcome
    paragraph: "Section 4.2"
    checks: Parents or carers are told the outcome, unless that would put a child at risk.
    severity: low
    mode: judgement
"""


def records(world):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "local.yaml"
        path.write_text(LOCAL_LIBRARY)
        library = library_load(path=path, partnership=world["partnership"])
    world["guidance_rule"] = library.documents.get().editions.get().rules.get()
    run = AuditRun.objects.create(
        partnership=world["partnership"],
        title="Walk audit",
        criteria={"reported_from": "2019-01-01", "reported_to": "2019-12-31"},
        status=RunStatus.FINISHED,
        is_thematic=True,
        incidents_total=1,
        incidents_done=1,
    )
    world["audit_run"] = run
    world["cohort_case"] = CohortCase.objects.create(run=run, incident=world["incident"])


def url_kwargs(world):
    return {
        "guidance:rule_detail": {"pk": world["guidance_rule"].pk},
        "guidance:incident_audit": {"pk": world["incident"].pk},
        "guidance:audit_detail": {"pk": world["audit_run"].pk},
        "guidance:audit_progress": {"pk": world["audit_run"].pk},
        "guidance:case_detail": {"pk": world["audit_run"].pk, "case_pk": world["cohort_case"].pk},
        "guidance:report": {"pk": world["audit_run"].pk},
        "guidance:report_cases": {"pk": world["audit_run"].pk},
        "guidance:report_drafts": {"pk": world["audit_run"].pk},
        "guidance:report_pdf": {"pk": world["audit_run"].pk},
        "guidance:report_csv": {"pk": world["audit_run"].pk},
    }
