"""Background work for guidance audits, on Django's Tasks API (decision 0003).

``run_thematic_audit`` runs a queued thematic audit (``cairn.guidance.thematic``). A worker
(``cairn db_worker``; ``cairn demo`` starts one) picks it up; the audit's page shows its
progress while it runs.
"""

from django_tasks import task

from cairn.guidance.thematic import thematic_audit_execute


@task()
def run_thematic_audit(run_id: int) -> dict[str, int]:
    run = thematic_audit_execute(run_id=run_id)
    return {"incidents": run.incidents_done}
