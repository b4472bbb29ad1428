"""Demo step: publications, the redaction gate at work, and media enquiries.

All synthetic, built on the reviews step:

- a partnership statement on the Child T review, first published ten months ago and amended
  twice, each amendment with its public note (the versions are written as published, with
  their dates in the past, and a clean redaction check each);
- a draft of the Child T review report that names one of the review's children: the redaction
  check catches it, and it waits for the partnership officer;
- media enquiries routed to the communications team: one overdue, one answered, one open.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from cairn.publishing import services
from cairn.publishing.choices import EnquiryStatus, PublicationKind, VersionStatus
from cairn.publishing.models import GateScan, MediaEnquiry, Publication, PublicationVersion
from cairn.reviews.models import Review

DOMAIN = "marlshire.example"

STATEMENT = """\
The Marlshire Safeguarding Children Partnership has today published the local child \
safeguarding practice review known as Child T.

Child T, a 14-year-old girl, was sexually assaulted by another pupil on her way home from \
school, and images of the assault were then shared online. The review looked at how the MASH, \
the police, her school and health services worked together in the six weeks that followed.

The review found that agencies acted quickly to keep Child T safe, but that safety planning at \
school did not include the child who harmed her, and that information about the shared images \
reached the school late.

The partnership accepts all five recommendations in full. Our action plan is monitored by the \
Joint Case Review Group and we will report on progress in our yearly report.

We thank Child T and her family for speaking to the reviewer. Their words have shaped what we \
will do next."""

ADDITIONS = [
    "Read the multi-agency guidance on child-on-child abuse on the partnership's website.",
    "A summary of the review for young people, written with the Marlshire Youth Council, is "
    "available from the partnership team.",
]
NOTES = [
    "to include a link to the multi-agency guidance",
    "to add the summary for young people written with the Marlshire Youth Council",
]


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _statement(p, officer, lead, now) -> Publication:
    publication = Publication.objects.create(
        partnership=p, kind=PublicationKind.STATEMENT, title="Child T review: our statement",
        slug="child-t-review-our-statement", review=Review.objects.filter(
            partnership=p, title="Child T").first(), created_by=officer,
    )  # fmt: skip
    text = STATEMENT
    published = [now - dt.timedelta(days=300), now - dt.timedelta(days=296)]
    published.append(now - dt.timedelta(days=180))
    for number, at in enumerate(published, start=1):
        note = ""
        if number > 1:
            text += "\n\n" + ADDITIONS[number - 2]
            note = f"Amended on {_day(timezone.localdate(at))} {NOTES[number - 2]}"
        version = PublicationVersion.objects.create(
            publication=publication, number=number, status=VersionStatus.PUBLISHED,
            title=publication.title, text=text, amendment_note=note,
            summary="The partnership's response to the Child T review.",
            created_by=officer, submitted_by=officer, submitted_at=at - dt.timedelta(days=2),
            approved_by=lead, approved_at=at, published_at=at,
        )  # fmt: skip
        GateScan.objects.create(
            version=version, scanned_by=officer,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            people_checked=0, details_checked=0, hit_count=0,
        )  # fmt: skip
    return publication


def _draft_report(p, officer):
    review = Review.objects.filter(partnership=p, title="Child T").first()
    child = review.children.order_by("pk").first() if review else None
    publication = services.publication_create(
        by=officer, partnership=p, kind=PublicationKind.REVIEW_REPORT,
        title="Child T: local child safeguarding practice review", review=review,
        planned_on=timezone.localdate() + dt.timedelta(days=28),
    )  # fmt: skip
    name = f"{child.given_name}'s" if child else "the child's"
    version = publication.versions.get()
    version = services.version_edit(
        by=officer, version=version, expected_version=version.version, title=publication.title,
        text="1. Introduction\n\nThis review considers the multi-agency response after Child T "
        f"was assaulted by another pupil.\n\n2. The first week\n\nOn the day of the report {name} "
        "school contacted the MASH, which decided on a strategy discussion the same day.",
    )  # fmt: skip
    services.gate_scan(by=officer, version=version)
    return publication


def _enquiries(ctx, p, officer, comms, statement, report, now):
    rows = [
        # (outlet, received hours ago, deadline hours from now, status, publication)
        ("Marlshire Evening Post", 30, -6, EnquiryStatus.OPEN, report),
        ("BBC Radio Marlshire", 200, -180, EnquiryStatus.ANSWERED, statement),
        ("Marlshire Live", 2, 26, EnquiryStatus.OPEN, statement),
    ]
    for outlet, ago, due, status, publication in rows:
        received = now - dt.timedelta(hours=ago)
        answered = status == EnquiryStatus.ANSWERED
        MediaEnquiry.objects.create(
            partnership=p, outlet=outlet, journalist=ctx.fake.name(),
            contact=f"newsdesk@{outlet.lower().replace(' ', '')}.example",
            received_at=received, deadline=now + dt.timedelta(hours=due),
            topic=f"Asked about the {publication.title} and what has changed in schools since.",
            publication=publication, owner=comms, status=status, logged_by=comms,
            response="We referred them to the published statement and offered an interview "
            "with the independent chair." if answered else "",
            responded_at=received + dt.timedelta(hours=5) if answered else None,
        )  # fmt: skip


def build(ctx) -> None:
    p = ctx.partnership
    users = {u.email.split("@")[0]: u for u, _ in ctx.users if u.email.endswith(DOMAIN)}
    officer, lead, comms = users["partnership.officer"], users["partnership.lead"], users["comms"]
    now = timezone.now()
    statement = _statement(p, officer, lead, now)
    report = _draft_report(p, officer)
    _enquiries(ctx, p, officer, comms, statement, report, now)
