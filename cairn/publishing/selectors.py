"""Reads for publications, the redaction gate and media enquiries.

Signed-in readers see their own partnership's publications (``publishing.view_publications``)
and media enquiries (``publishing.view_media``). The public site sees only published versions:
``public_*`` selectors never return a draft, a version waiting for approval, or an approved one
not yet published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from cairn.accounts.permissions import may, object_rule
from cairn.clocks.selectors import clock_book
from cairn.people.models import Person
from cairn.publishing.choices import EnquiryStatus, PublicationKind, VersionStatus
from cairn.publishing.models import (
    GateHit,
    GateScan,
    MediaEnquiry,
    Publication,
    PublicationVersion,
)
from cairn.publishing.redaction import Identifier, identifiers_for_person

VIEW = "publishing.view_publications"
VIEW_MEDIA = "publishing.view_media"
ADVANCE_COPY_CLOCK = "cspr_advance_copy"


@object_rule(VIEW)
def _may_view(user, obj) -> bool:
    """Every publication of the partnership (the layer has already refused another's)."""
    return True


# Publications ------------------------------------------------------------------------


def publications_visible_to(user) -> QuerySet[Publication]:
    if not may(user, VIEW):
        return Publication.objects.none()
    return Publication.objects.filter(partnership_id=user.partnership_id)


def _latest(field: str):
    return Subquery(
        PublicationVersion.objects.filter(publication=OuterRef("pk"))
        .order_by("-number")
        .values(field)[:1]
    )


def publication_list_for(*, viewer, kind: str = "") -> QuerySet[Publication]:
    """Each publication with its latest version's title, number and status."""
    publications = publications_visible_to(viewer)
    if kind:
        publications = publications.filter(kind=kind)
    return publications.annotate(
        latest_number=_latest("number"),
        latest_status=_latest("status"),
        published_count=Count("versions", filter=Q(versions__status=VersionStatus.PUBLISHED)),
    ).select_related("review")


def publication_for(*, viewer, pk) -> Publication | None:
    return (
        publications_visible_to(viewer)
        .filter(pk=pk)
        .select_related("review", "created_by", "partnership")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PublicationVersion.objects.select_related(
                    "created_by", "approved_by", "submitted_by"
                ).order_by("-number"),
            )
        )
        .first()
    )


def version_for(*, viewer, pk) -> PublicationVersion | None:
    return (
        PublicationVersion.objects.filter(pk=pk, publication__in=publications_visible_to(viewer))
        .select_related(
            "publication",
            "publication__review",
            "publication__partnership",
            "created_by",
            "submitted_by",
            "approved_by",
        )
        .first()
    )


def open_version_of(publication: Publication) -> PublicationVersion | None:
    return publication.versions.exclude(status=VersionStatus.PUBLISHED).first()


def current_published(publication: Publication) -> PublicationVersion | None:
    return publication.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


def versions_waiting_for_approval(*, viewer) -> QuerySet[PublicationVersion]:
    return PublicationVersion.objects.filter(
        publication__in=publications_visible_to(viewer), status=VersionStatus.SUBMITTED
    ).select_related("publication", "submitted_by")


def due_to_publish(*, now=None) -> QuerySet[PublicationVersion]:
    """Approved versions whose scheduled time has come, every partnership."""
    now = now or timezone.now()
    return PublicationVersion.objects.filter(
        status=VersionStatus.APPROVED, publish_at__lte=now
    ).select_related("publication", "approved_by")


@dataclass(frozen=True)
class AdvanceCopyDeadline:
    due: date
    is_overdue: bool
    phrase: str


def advance_copy_deadline(publication: Publication, *, today=None) -> AdvanceCopyDeadline | None:
    """For a review report with a planned date: the last day to send advance copies (the
    ``cspr_advance_copy`` clock, a configured timescale)."""
    if publication.kind != PublicationKind.REVIEW_REPORT or publication.planned_on is None:
        return None
    left = clock_book(partnership=publication.partnership).time_left(
        clock=ADVANCE_COPY_CLOCK, start=publication.planned_on, today=today
    )
    return AdvanceCopyDeadline(due=left.due, is_overdue=left.is_overdue, phrase=left.phrase)


# The redaction gate ------------------------------------------------------------------------


def people_linked_to(publication: Publication) -> QuerySet[Person]:
    """Everyone the publication must not identify: the review's children and every child
    involved in the review's incidents."""
    if publication.review_id is None:
        return Person.objects.none()
    review_id = publication.review_id
    return (
        Person.objects.filter(
            Q(reviews__pk=review_id) | Q(involvements__incident__reviews__pk=review_id)
        )
        .distinct()
        .select_related("school")
        .prefetch_related("other_names", "addresses", "identifiers")
        .order_by("family_name", "given_name", "pk")
    )


def identifiers_for_publication(publication: Publication) -> tuple[int, list[Identifier]]:
    """How many people are linked, and all their identifying details."""
    people = list(people_linked_to(publication))
    details: list[Identifier] = []
    for person in people:
        label = f"{person.given_name} {person.family_name}".strip()
        details += identifiers_for_person(person, label=label)
    return len(people), details


def latest_scan(version: PublicationVersion) -> GateScan | None:
    return version.scans.order_by("-scanned_at", "-pk").select_related("scanned_by").first()


def gate_report(version: PublicationVersion) -> tuple[GateScan | None, list[GateHit]]:
    """The latest scan of ``version`` and its hits, with who justified each."""
    scan = latest_scan(version)
    if scan is None:
        return None, []
    hits = list(scan.hits.select_related("justified_by").order_by("start", "pk"))
    return scan, hits


def earlier_scans(version: PublicationVersion) -> QuerySet[GateScan]:
    return version.scans.order_by("-scanned_at", "-pk").select_related("scanned_by")[1:]


# The public site -----------------------------------------------------------------------------


def public_versions() -> QuerySet[PublicationVersion]:
    """Only published versions, ever."""
    return PublicationVersion.objects.filter(
        status=VersionStatus.PUBLISHED, published_at__lte=timezone.now()
    ).select_related("publication", "publication__partnership")


def public_list() -> list[PublicationVersion]:
    """The current (latest published) version of every publication, newest first."""
    newer = PublicationVersion.objects.filter(
        publication=OuterRef("publication"),
        status=VersionStatus.PUBLISHED,
        number__gt=OuterRef("number"),
    )
    return list(
        public_versions()
        .annotate(
            is_amended=Exists(
                public_versions().filter(
                    publication=OuterRef("publication"), number__lt=OuterRef("number")
                )
            )
        )
        .exclude(Exists(newer))
        .order_by("-published_at", "-pk")
    )


def public_publication(*, slug: str) -> tuple[Publication, list[PublicationVersion]] | None:
    """A publication with its published versions, newest first; None if none is published."""
    versions = list(public_versions().filter(publication__slug=slug).order_by("-number"))
    if not versions:
        return None
    return versions[0].publication, versions


def public_feed_entries(limit: int = 50) -> list[PublicationVersion]:
    """Each publication and each amendment, newest first."""
    return list(public_versions().order_by("-published_at", "-pk")[:limit])


# Media enquiries -----------------------------------------------------------------------------


@object_rule(VIEW_MEDIA)
def _may_view_media(user, obj) -> bool:
    return True


def enquiries_visible_to(user) -> QuerySet[MediaEnquiry]:
    if not may(user, VIEW_MEDIA):
        return MediaEnquiry.objects.none()
    return MediaEnquiry.objects.filter(partnership_id=user.partnership_id)


def enquiry_list_for(
    *, viewer, status: str = "", mine: bool = False, now=None
) -> QuerySet[MediaEnquiry]:
    """Overdue first (open past their deadline), then by deadline."""
    now = now or timezone.now()
    enquiries = enquiries_visible_to(viewer)
    if status == "overdue":
        enquiries = enquiries.filter(status=EnquiryStatus.OPEN, deadline__lt=now)
    elif status:
        enquiries = enquiries.filter(status=status)
    if mine:
        enquiries = enquiries.filter(owner=viewer)
    return (
        enquiries.annotate(
            is_overdue=Case(
                When(status=EnquiryStatus.OPEN, deadline__lt=now, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("owner", "publication")
        .order_by("-is_overdue", "deadline", "pk")
    )


def enquiry_for(*, viewer, pk) -> MediaEnquiry | None:
    return (
        enquiries_visible_to(viewer)
        .filter(pk=pk)
        .select_related("owner", "publication", "logged_by")
        .first()
    )
