"""Background work for publications, on Django's Tasks API (decision 0003).

``publish_due`` publishes every approved version whose scheduled time has come; one the
redaction gate now stops stays unpublished, with the reason on its page. Safe to run as often
as you like. Enqueue it (``publish_due.enqueue()``) for a worker, or run ``cairn publish-due``
from a timer every few minutes.
"""

from django_tasks import task

from cairn.publishing import services


@task()
def publish_due() -> dict[str, list[int]]:
    done = services.publish_due()
    return {key: [v.pk for v in versions] for key, versions in done.items()}
