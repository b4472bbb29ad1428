"""Writes for publications: draft a version (typed or uploaded), run the redaction gate,
justify what it found, submit, approve (someone other than the author), publish now or on a
date, amend with a public note, log advance copies.

A published version never changes: every service refuses it, and so does the database. Before
approval and again at publication the version's text is scanned for the identifying details of
everyone linked to it through its review (``cairn.publishing.redaction``); publication is
refused while any hit of the latest scan is neither gone nor justified by a named person.
Every write checks the user's capability and runs in one transaction with the user as the
audit actor; edits go through ``update_versioned``.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from cairn.accounts.permissions import ensure, may
from cairn.audit.context import acting_as
from cairn.core.services import update_versioned
from cairn.publishing import selectors as _rules  # noqa: F401  (registers the object rules)
from cairn.publishing.choices import EnquiryStatus, PublicationKind, VersionSource, VersionStatus
from cairn.publishing.extract import MAX_BYTES, UnreadableDocument, extract_text
from cairn.publishing.models import (
    AdvanceCopy,
    GateHit,
    GateScan,
    MediaEnquiry,
    Publication,
    PublicationVersion,
    VersionDocument,
)
from cairn.publishing.redaction import Scanner
from cairn.publishing.selectors import (
    due_to_publish,
    gate_report,
    identifiers_for_publication,
    latest_scan,
)

MANAGE = "publishing.manage_publications"
APPROVE = "publishing.approve_publications"
PUBLISHED_NEVER_CHANGES = (
    "This version has been published and can never be changed. To correct it, amend the "
    "publication: that makes a new version with a public note saying what changed."
)


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _refuse(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _open(version: PublicationVersion) -> None:
    if version.status == VersionStatus.PUBLISHED:
        raise ValidationError(PUBLISHED_NEVER_CHANGES)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "publication"
    slug, n = base, 1
    while Publication.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Drafting ----------------------------------------------------------------------------


def publication_create(
    *,
    by,
    partnership,
    kind: str,
    title: str,
    summary: str = "",
    review=None,
    planned_on: date | None = None,
) -> Publication:
    """Start a publication with an empty first draft."""
    ensure(by, MANAGE, partnership)
    errors: dict[str, str] = {}
    if kind not in PublicationKind.values:
        errors["kind"] = "Choose what kind of publication it is"
    if not title.strip():
        errors["title"] = "Enter the title"
    if review is not None and review.partnership_id != partnership.pk:
        errors["review"] = "Choose a review of this partnership"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        publication = Publication.objects.create(
            partnership=partnership,
            kind=kind,
            title=title.strip(),
            slug=_unique_slug(title),
            review=review,
            planned_on=planned_on,
            created_by=by,
        )
        PublicationVersion.objects.create(
            publication=publication,
            number=1,
            title=title.strip(),
            summary=summary.strip(),
            created_by=by,
        )
    return publication


def publication_update(
    *, by, publication: Publication, expected_version: int, review=None, planned_on=None
) -> Publication:
    """Change the review a publication is checked against, and its planned date."""
    ensure(by, MANAGE, publication)
    if review is not None and review.partnership_id != publication.partnership_id:
        raise ValidationError({"review": "Choose a review of this partnership"})
    return update_versioned(
        obj=publication,
        expected_version=expected_version,
        changes={"review": review, "planned_on": planned_on},
        by=by,
    )


def read_upload(*, filename: str, data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """The text of an uploaded PDF or Word document; a refusal names the field."""
    try:
        return extract_text(filename=filename, data=data, max_bytes=max_bytes)
    except UnreadableDocument as problem:
        raise ValidationError({"document": problem.message}) from None


def version_edit(
    *,
    by,
    version: PublicationVersion,
    expected_version: int,
    title: str,
    text: str,
    summary: str = "",
    amendment_note: str = "",
    document: tuple[str, bytes] | None = None,
    max_bytes: int | None = None,
) -> PublicationVersion:
    """Save a draft: typed text, or the text read from an uploaded document (``document`` as
    (filename, bytes)), which is kept with the file. Typing over the text of an uploaded
    document lets the document go: the text is what is published and checked."""
    ensure(by, MANAGE, version)
    _open(version)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            "This version is waiting for approval or publication: ask the partnership lead "
            "to return it before changing it"
        )
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter the title"
    if version.number > 1 and not amendment_note.strip():
        errors["amendment_note"] = (
            "Enter the amendment note: say what changed and why, for example ‘Amended on "
            "22 February 2022 to include a link to the multi-agency guidance’"
        )
    changes = {
        "title": title.strip(),
        "summary": summary.strip(),
        "amendment_note": amendment_note.strip(),
    }
    if document is not None:
        filename, data = document
        try:
            changes["text"] = read_upload(
                filename=filename, data=data, max_bytes=max_bytes or MAX_BYTES
            )
        except ValidationError as error:
            errors |= {k: v[0] for k, v in error.message_dict.items()}
        else:
            changes |= {
                "source": VersionSource.UPLOADED,
                "document_name": filename,
                "document_sha256": hashlib.sha256(data).hexdigest(),
            }
    else:
        text = text.replace("\r\n", "\n").strip()
        changes["text"] = text
        if text != version.text.strip() and version.source == VersionSource.UPLOADED:
            changes |= {"source": VersionSource.TYPED, "document_name": "", "document_sha256": ""}
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        saved = update_versioned(
            obj=version, expected_version=expected_version, changes=changes, by=by
        )
        VersionDocument.objects.filter(version=saved).delete()
        if document is not None:
            VersionDocument.objects.create(
                version=saved,
                filename=filename,
                size=len(data),
                sha256=saved.document_sha256,
                data=data,
            )
        Publication.objects.filter(pk=saved.publication_id).update(title=saved.title)
    return saved


# The redaction gate ------------------------------------------------------------------------


def gate_scan(*, by, version: PublicationVersion) -> GateScan:
    """Scan ``version``'s text for the details of everyone linked to it. A hit the same as
    one justified in an earlier check of this publication keeps its justification (and says
    where it came from); every other hit must be removed or justified again."""
    ensure(by, MANAGE, version)
    return _scan(by=by, version=version)


def _scan(*, by, version: PublicationVersion) -> GateScan:
    _open(version)
    people, details = identifiers_for_publication(version.publication)
    hits = Scanner(details).scan(version.text)
    justified = _justified_before(version.publication)
    with transaction.atomic(), acting_as(by):
        scan = GateScan.objects.create(
            version=version,
            scanned_by=by,
            text_sha256=_sha256(version.text),
            people_checked=people,
            details_checked=len(details),
            hit_count=len(hits),
        )
        rows = []
        for hit in hits:
            row = GateHit(
                scan=scan,
                person_id=hit.identifier.person_id,
                person_label=hit.person_label[:200],
                kind=hit.kind,
                detail=hit.identifier.value[:300],
                description=hit.identifier.description[:120],
                text=hit.text[:300],
                start=hit.start,
                end=hit.end,
                line=hit.line,
                snippet=hit.snippet,
                how=hit.how[:60],
                also=[i.person_label for i in hit.also],
            )
            earlier = justified.get(row.key())
            if earlier is not None:
                row.justified_by_id = earlier.justified_by_id
                row.justified_at = timezone.now()
                row.justification = earlier.justification
                row.carried_from = earlier.carried_from or earlier
            rows.append(row)
        for row in rows:
            row.save()  # one by one: each hit is an audited write
    return scan


def _justified_before(publication: Publication) -> dict[tuple, GateHit]:
    hits = GateHit.objects.filter(
        scan__version__publication=publication, justified_at__isnull=False
    ).order_by("pk")
    return {hit.key(): hit for hit in hits}


def hit_justify(*, by, hit: GateHit, reason: str) -> GateHit:
    """A named person decides a hit may stay, and says why ("another child of the same first
    name, not linked to this review")."""
    version = hit.scan.version
    ensure(by, MANAGE, version)
    _open(version)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why this detail may stay in the publication"})
    if hit.is_justified:
        raise ValidationError("This hit has already been justified")
    if latest_scan(version).pk != hit.scan_id:
        raise ValidationError(
            "This hit is from an earlier check: the text has been checked again since. "
            "Justify the hits of the latest check."
        )
    with transaction.atomic(), acting_as(by):
        hit.justified_by = by
        hit.justified_at = timezone.now()
        hit.justification = reason.strip()
        hit.save(update_fields=["justified_by", "justified_at", "justification"])
    return hit


def gate_problems(version: PublicationVersion) -> list[str]:
    """Why the gate is closed for ``version``, in words for the page; empty when open."""
    scan, hits = gate_report(version)
    if scan is None:
        return ["The text has not been checked for identifying details"]
    if scan.text_sha256 != _sha256(version.text):
        return ["The text has changed since it was checked: check it again"]
    left = sum(1 for hit in hits if not hit.is_justified)
    if left:
        return [
            f"{left} identifying detail{'s' if left != 1 else ''} found by the check "
            f"{'are' if left != 1 else 'is'} neither removed nor justified"
        ]
    return []


# Submitting, approving, publishing --------------------------------------------------------


def version_submit(*, by, version: PublicationVersion) -> PublicationVersion:
    """Send a draft to the partnership lead for approval; the text is checked as it goes."""
    ensure(by, MANAGE, version)
    _open(version)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError("Only a draft can be sent for approval")
    errors = {}
    if not version.text.strip():
        errors["text"] = "Enter the text of the publication, or upload a PDF or Word document"
    if version.number > 1 and not version.amendment_note.strip():
        errors["amendment_note"] = "Enter the amendment note: say what changed and why"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        scan = latest_scan(version)
        if scan is None or scan.text_sha256 != _sha256(version.text):
            _scan(by=by, version=version)
        return _move(
            version,
            by=by,
            status=VersionStatus.SUBMITTED,
            submitted_at=timezone.now(),
            submitted_by=by,
            returned_reason="",
        )


def _move(version: PublicationVersion, *, by, **changes) -> PublicationVersion:
    """Change a version's status fields (not its text) under a row lock."""
    with transaction.atomic(), acting_as(by):
        current = PublicationVersion.objects.select_for_update().get(pk=version.pk)
        _open(current)
        for field, value in changes.items():
            setattr(current, field, value)
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
    return current


def version_return(*, by, version: PublicationVersion, reason: str) -> PublicationVersion:
    """The partnership lead sends a version back to draft, saying why."""
    ensure(by, APPROVE, version)
    _open(version)
    if version.status not in (VersionStatus.SUBMITTED, VersionStatus.APPROVED):
        raise ValidationError("Only a version waiting for approval or publication can be returned")
    if not reason.strip():
        raise ValidationError({"reason": "Enter what needs to change"})
    return _move(
        version,
        by=by,
        status=VersionStatus.DRAFT,
        returned_reason=reason.strip(),
        submitted_at=None,
        submitted_by=None,
        approved_at=None,
        approved_by=None,
        publish_at=None,
        publish_blocked="",
    )


def version_approve(
    *, by, version: PublicationVersion, publish_at: datetime | None = None
) -> PublicationVersion:
    """The partnership lead approves a version: published now, or at ``publish_at``. The
    lead may not approve a version they wrote or sent; the gate must be open."""
    ensure(by, APPROVE, version)
    _open(version)
    if version.status != VersionStatus.SUBMITTED:
        raise ValidationError("Only a version waiting for approval can be approved")
    if by.pk in (version.created_by_id, version.submitted_by_id):
        raise ValidationError("You wrote or sent this version: someone else must approve it")
    now = timezone.now()
    if publish_at is not None and publish_at <= now:
        raise ValidationError({"publish_at": "The publication date must be in the future"})
    if gate_problems(version):
        raise ValidationError(gate_problems(version))
    _scan(by=by, version=version)  # against everyone linked now; kept even if it refuses
    problems = gate_problems(version)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic(), acting_as(by):
        approved = _move(
            version,
            by=by,
            status=VersionStatus.APPROVED,
            approved_at=now,
            approved_by=by,
            publish_at=publish_at,
            publish_blocked="",
        )
        if publish_at is None:
            approved = _publish(approved, by=by)
    return approved


def version_publish(*, by, version: PublicationVersion) -> PublicationVersion:
    """Publish an approved version: checked once more against everyone linked now (a child
    may have been linked to the review since), then fixed for ever."""
    if by is not None and not (may(by, APPROVE, version) or may(by, MANAGE, version)):
        raise PermissionDenied(APPROVE)
    _open(version)
    if version.status != VersionStatus.APPROVED:
        raise ValidationError("Only an approved version can be published")
    _scan(by=by, version=version)  # kept even when it stops the publication
    problems = gate_problems(version)
    if problems:
        raise ValidationError(problems)
    return _publish(version, by=by)


def _publish(version: PublicationVersion, *, by) -> PublicationVersion:
    with transaction.atomic(), acting_as(by):
        published = _move(
            version, by=by, status=VersionStatus.PUBLISHED, published_at=timezone.now()
        )
        Publication.objects.filter(pk=published.publication_id).update(title=published.title)
    return published


def publish_due(*, now=None) -> dict[str, list[PublicationVersion]]:
    """Publish every approved version whose time has come. One that the gate now stops stays
    approved, with the reason recorded for the partnership officer."""
    done: dict[str, list[PublicationVersion]] = {"published": [], "blocked": []}
    for version in due_to_publish(now=now):
        try:
            done["published"].append(version_publish(by=None, version=version))
        except ValidationError as error:
            reason = " ".join(error.messages)
            if version.publish_blocked != reason:
                _move(version, by=None, publish_blocked=reason)
            done["blocked"].append(version)
    return done


# Amending ------------------------------------------------------------------------------------


def publication_amend(*, by, publication: Publication) -> PublicationVersion:
    """Start an amendment: a new draft version from the current published text."""
    ensure(by, MANAGE, publication)
    versions = list(publication.versions.order_by("-number"))
    if any(v.status != VersionStatus.PUBLISHED for v in versions):
        raise ValidationError(
            "There is already a version in progress: finish or publish it before amending"
        )
    current = versions[0] if versions else None
    if current is None or current.status != VersionStatus.PUBLISHED:
        raise ValidationError("Only a published publication can be amended")
    with transaction.atomic(), acting_as(by):
        return PublicationVersion.objects.create(
            publication=publication,
            number=current.number + 1,
            title=current.title,
            summary=current.summary,
            text=current.text,
            created_by=by,
        )


# Advance copies ------------------------------------------------------------------------------


def advance_copy_log(
    *, by, version: PublicationVersion, sent_to: str, sent_on: date
) -> AdvanceCopy:
    """Record that a copy of ``version`` was sent before publication."""
    ensure(by, MANAGE, version)
    errors = {}
    if not sent_to.strip():
        errors["sent_to"] = "Enter who the copy was sent to"
    if sent_on is None:
        errors["sent_on"] = "Enter the date the copy was sent"
    elif sent_on > timezone.localdate():
        errors["sent_on"] = "The date the copy was sent must be today or in the past"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        return AdvanceCopy.objects.create(
            version=version, sent_to=sent_to.strip(), sent_on=sent_on, recorded_by=by
        )


# Media enquiries -----------------------------------------------------------------------------

MANAGE_MEDIA = "publishing.manage_media"


def _enquiry_errors(fields: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    received, deadline = fields.get("received_at"), fields.get("deadline")
    if received and received > timezone.now():
        errors["received_on"] = "The date received must be today or in the past"
    if received and deadline and deadline < received:
        errors["deadline_on"] = "The deadline must be after the enquiry was received"
    return errors


def media_enquiry_log(*, by, partnership, **fields) -> MediaEnquiry:
    """Log an enquiry from a journalist, routed to someone in the communications team."""
    ensure(by, MANAGE_MEDIA, partnership)
    _refuse(_enquiry_errors(fields))
    owner = fields.get("owner")
    if owner is not None and not may(owner, MANAGE_MEDIA, partnership):
        raise ValidationError({"owner": "Choose someone in the communications team"})
    with transaction.atomic(), acting_as(by):
        return MediaEnquiry.objects.create(partnership=partnership, logged_by=by, **fields)


def media_enquiry_update(*, by, enquiry, expected_version: int, **changes):
    ensure(by, MANAGE_MEDIA, enquiry)
    _refuse(_enquiry_errors(changes))
    owner = changes.get("owner")
    if owner is not None and not may(owner, MANAGE_MEDIA, enquiry):
        raise ValidationError({"owner": "Choose someone in the communications team"})
    return update_versioned(obj=enquiry, expected_version=expected_version, changes=changes, by=by)


def media_enquiry_respond(
    *, by, enquiry, expected_version: int, response: str, responded_at: datetime
):
    """Record what was said in response, and when: the enquiry is answered."""
    ensure(by, MANAGE_MEDIA, enquiry)
    errors = {}
    if not response.strip():
        errors["response"] = "Enter what was said in response"
    if responded_at > timezone.now():
        errors["responded_on"] = "The date of the response must be today or in the past"
    elif responded_at < enquiry.received_at:
        errors["responded_on"] = "The response cannot be before the enquiry was received"
    _refuse(errors)
    return update_versioned(
        obj=enquiry,
        expected_version=expected_version,
        changes={
            "response": response.strip(),
            "responded_at": responded_at,
            "status": EnquiryStatus.ANSWERED,
        },
        by=by,
    )
