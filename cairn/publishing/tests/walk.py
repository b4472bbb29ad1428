"""Records and URL arguments for the permission walk (cairn/core/tests/test_permission_walk.py).

A publication with a published first version and a draft amendment that names the review's
child (so the redaction check has a hit), and a media enquiry."""

from cairn.publishing.models import GateHit, GateScan
from cairn.publishing.tests.factories import (
    MediaEnquiryFactory,
    PublicationFactory,
    PublicationVersionFactory,
)


def records(world):
    from django.utils import timezone

    p = world["partnership"]
    publication = PublicationFactory(partnership=p, created_by=world["subject"])
    published = PublicationVersionFactory(
        publication=publication, status="published", published_at=timezone.now()
    )
    draft = PublicationVersionFactory(
        publication=publication, number=2, amendment_note="Amended to add a link"
    )
    scan = GateScan.objects.create(
        version=draft, text_sha256="0" * 64, people_checked=1, details_checked=1, hit_count=1
    )
    hit = GateHit.objects.create(
        scan=scan, person=world["person"], person_label="A child", kind="name", detail="Name",
        text="Name", start=0, end=4, line=1, snippet="Name", how="exact",
    )  # fmt: skip
    world |= {
        "publication": publication,
        "published_version": published,
        "draft_version": draft,
        "gate_hit": hit,
        "media_enquiry": MediaEnquiryFactory(partnership=p, logged_by=world["subject"]),
    }


def url_kwargs(world):
    publication = {"pk": world["publication"].pk}
    draft = {"pk": world["draft_version"].pk}
    return {
        "publishing:detail": publication,
        "publishing:settings": publication,
        "publishing:amend": publication,
        "publishing:version_detail": draft,
        "publishing:version_edit": draft,
        "publishing:version_submit": draft,
        "publishing:gate": draft,
        "publishing:gate_rescan": draft,
        "publishing:hit_justify": {"pk": world["gate_hit"].pk},
        "publishing:version_approve": draft,
        "publishing:version_return": draft,
        "publishing:advance_copy_new": draft,
        "publishing:enquiry_detail": {"pk": world["media_enquiry"].pk},
        "publishing:enquiry_edit": {"pk": world["media_enquiry"].pk},
        "publishing:enquiry_respond": {"pk": world["media_enquiry"].pk},
        "public:detail": {"slug": world["publication"].slug},
        "public:version": {"slug": world["publication"].slug, "number": 1},
    }
