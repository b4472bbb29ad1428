"""Writes for reviews: start one, move it along the statutory route, link what it is about,
record findings and recommendations with the partnership's response and its governance route.

Each step refuses dates out of order or in the future, and steps taken out of turn (a rapid
review needs a notification first), with a message that names the field. Every write checks
``reviews.manage_reviews``, runs in one transaction with the user as the audit actor; edits
go through ``update_versioned`` so a stale form never overwrites someone else's change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings  # noqa: F401
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cairn.accounts.permissions import ensure
from cairn.audit.context import acting_as
from cairn.core.services import update_versioned
from cairn.core.vocabulary import default_terms, term_add, term_set_active, terms_seed
from cairn.governance.models import BodyDecision, BodyKind
from cairn.incidents.models import Incident
from cairn.reviews import selectors as _rules  # noqa: F401  (registers the object rules)
from cairn.reviews.choices import NEEDS_RATIONALE, STARTING_KINDS
from cairn.reviews.models import (
    Finding,
    LearningTheme,
    MilestoneKind,
    Recommendation,
    RecommendationResponse,
    RecommendationScope,
    RecommendationSource,
    Review,
    ReviewDecision,
    ReviewKind,
    ReviewMilestone,
    ReviewStatus,
)
from cairn.reviews.selectors import cohort_incidents

MANAGE = "reviews.manage_reviews"
THEMES_FILE = Path(__file__).resolve().parent.parent / "data" / "learning_themes.yaml"


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _not_future(errors: dict, field: str, day: date | None, what: str) -> None:
    if day is not None and day > timezone.localdate() and field not in errors:
        errors[field] = f"{what} must be today or in the past"


def _not_before(errors: dict, field: str, day, earlier, message: str) -> None:
    if day is not None and earlier is not None and day < earlier and field not in errors:
        errors[field] = message


def _refuse(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# Learning themes ---------------------------------------------------------------------


def default_themes() -> list[dict]:
    return default_terms(THEMES_FILE)


def learning_themes_seed(*, partnership) -> int:
    """Give ``partnership`` the default learning themes it does not have yet (by name); a theme
    the partnership retired is never added again. Returns how many were added."""
    return terms_seed(LearningTheme, partnership=partnership, path=THEMES_FILE)


def theme_add(*, by, partnership, name: str, description: str = "") -> LearningTheme:
    ensure(by, MANAGE, partnership)
    return term_add(
        LearningTheme,
        by=by,
        partnership=partnership,
        name=name,
        description=description,
        noun="learning theme",
    )


def theme_set_active(*, by, theme: LearningTheme, is_active: bool) -> LearningTheme:
    """Retire a theme (it stays on what is already tagged with it) or bring it back."""
    ensure(by, MANAGE, theme)
    return term_set_active(by=by, term=theme, is_active=is_active)


# Starting a review ---------------------------------------------------------------------


def review_create(*, by, partnership, kind: str, title: str, **fields) -> Review:
    """Start a review: a serious incident (the route begins with awareness), a thematic
    review of a cohort, or a scrutiny review by a council committee."""
    ensure(by, MANAGE, partnership)
    errors: dict[str, str] = {}
    if kind not in STARTING_KINDS:
        errors["kind"] = "Choose what kind of review to start"
    if not title.strip():
        errors["title"] = "Enter a title that identifies no child, for example ‘Child Q’"
    if kind == ReviewKind.SERIOUS_INCIDENT_NOTIFICATION:
        aware_on, incident_on = fields.get("aware_on"), fields.get("incident_on")
        if aware_on is None:
            errors["aware_on"] = "Enter the date the local authority became aware"
        _not_future(errors, "aware_on", aware_on, "The date the local authority became aware")
        _not_future(errors, "incident_on", incident_on, "The date of the incident")
        _not_before(
            errors,
            "aware_on",
            aware_on,
            incident_on,
            "The local authority cannot have become aware before the incident happened",
        )
    if kind == ReviewKind.THEMATIC:
        errors |= _cohort_errors(fields.get("cohort_from"), fields.get("cohort_to"))
    if kind == ReviewKind.SCRUTINY:
        body = fields.get("scrutiny_body")
        if body is None:
            errors["scrutiny_body"] = "Choose the committee carrying out the scrutiny review"
        elif body.partnership_id != partnership.pk or body.kind != BodyKind.SCRUTINY_COMMITTEE:
            errors["scrutiny_body"] = "Choose a scrutiny committee of this partnership"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        return Review.objects.create(
            partnership=partnership,
            kind=kind,
            title=title.strip(),
            owner=by,
            **fields,
        )


def _cohort_errors(cohort_from, cohort_to) -> dict[str, str]:
    errors: dict[str, str] = {}
    if cohort_from is None:
        errors["cohort_from"] = "Enter the first date of the cohort"
    if cohort_to is None:
        errors["cohort_to"] = "Enter the last date of the cohort"
    _not_before(
        errors,
        "cohort_to",
        cohort_to,
        cohort_from,
        "The last date of the cohort must be the same as or after the first",
    )
    return errors


def review_update(*, by, review: Review, expected_version: int, **changes) -> Review:
    """Change a review's description: title, summary, notification statistics, cohort."""
    ensure(by, MANAGE, review)
    errors: dict[str, str] = {}
    if "title" in changes and not changes["title"].strip():
        errors["title"] = "Enter a title that identifies no child, for example ‘Child Q’"
    if review.kind == ReviewKind.THEMATIC and ("cohort_from" in changes or "cohort_to" in changes):
        errors |= _cohort_errors(
            changes.get("cohort_from", review.cohort_from),
            changes.get("cohort_to", review.cohort_to),
        )
    aware_on = changes.get("aware_on", review.aware_on)
    _not_future(errors, "aware_on", aware_on, "The date the local authority became aware")
    _not_before(
        errors,
        "notified_on",
        review.notified_on,
        aware_on,
        "The panel was notified on "
        + (_day(review.notified_on) if review.notified_on else "")
        + ": the local authority must have become aware by then",
    )
    if "notified_on" in errors:
        errors["aware_on"] = errors.pop("notified_on")
    body = changes.get("scrutiny_body")
    if body is not None and body.partnership_id != review.partnership_id:
        errors["scrutiny_body"] = "Choose a scrutiny committee of this partnership"
    _refuse(errors)
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


# The statutory route ------------------------------------------------------------------


def _case_review(review: Review) -> None:
    if review.kind not in (
        ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
        ReviewKind.RAPID_REVIEW,
        ReviewKind.LOCAL_CSPR,
    ):
        raise ValidationError(f"A {review.get_kind_display().lower()} has no statutory route")


def review_record_notification(
    *,
    by,
    review: Review,
    expected_version: int,
    notified_on: date | None,
    partners_told_on: date | None = None,
    **details,
) -> Review:
    """The serious incident notification to the national panel, and telling the partners."""
    ensure(by, MANAGE, review)
    _case_review(review)
    errors: dict[str, str] = {}
    if notified_on is None:
        errors["notified_on"] = "Enter the date the national panel was notified"
    _not_future(errors, "notified_on", notified_on, "The date the panel was notified")
    _not_future(errors, "partners_told_on", partners_told_on, "The date the partners were told")
    aware = review.aware_on
    if aware is not None:
        _not_before(
            errors,
            "notified_on",
            notified_on,
            aware,
            f"The panel cannot have been notified before the local authority became aware "
            f"({_day(aware)})",
        )
        _not_before(
            errors,
            "partners_told_on",
            partners_told_on,
            aware,
            f"The partners cannot have been told before the local authority became aware "
            f"({_day(aware)})",
        )
    _refuse(errors)
    changes = {"notified_on": notified_on, "partners_told_on": partners_told_on, **details}
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


def review_record_rapid_review(
    *,
    by,
    review: Review,
    expected_version: int,
    rapid_review_held_on: date | None,
    rapid_review_sent_on: date | None = None,
) -> Review:
    """The rapid review: held, and sent to the panel. Needs the notification first."""
    ensure(by, MANAGE, review)
    _case_review(review)
    if review.notified_on is None:
        raise ValidationError(
            "A rapid review cannot be recorded before the serious incident notification: "
            "record the notification first"
        )
    errors: dict[str, str] = {}
    held, sent = rapid_review_held_on, rapid_review_sent_on
    if held is None:
        errors["rapid_review_held_on"] = "Enter the date the rapid review was held"
    _not_future(errors, "rapid_review_held_on", held, "The date of the rapid review")
    _not_future(errors, "rapid_review_sent_on", sent, "The date it was sent to the panel")
    _not_before(
        errors,
        "rapid_review_held_on",
        held,
        review.notified_on,
        f"The rapid review cannot be held before the notification ({_day(review.notified_on)})",
    )
    _not_before(
        errors,
        "rapid_review_sent_on",
        sent,
        held,
        "The rapid review cannot be sent to the panel before it was held",
    )
    _refuse(errors)
    changes = {"rapid_review_held_on": held, "rapid_review_sent_on": sent}
    if review.kind == ReviewKind.SERIOUS_INCIDENT_NOTIFICATION:
        changes["kind"] = ReviewKind.RAPID_REVIEW
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


def review_record_decision(
    *,
    by,
    review: Review,
    expected_version: int,
    decision: str,
    decided_on: date | None,
    decision_rationale: str,
    panel_response: str = "",
    panel_responded_on: date | None = None,
) -> Review:
    """What the rapid review decided, and the panel's response. A local CSPR makes the
    review one; no further review closes it."""
    ensure(by, MANAGE, review)
    _case_review(review)
    if review.rapid_review_held_on is None:
        raise ValidationError(
            "Record the rapid review before its decision: the decision is one of its outputs"
        )
    errors: dict[str, str] = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = "Choose what the rapid review decided"
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    if not decision_rationale.strip():
        errors["decision_rationale"] = "Give the reasons for the decision"
    _not_future(errors, "decided_on", decided_on, "The date of the decision")
    _not_future(errors, "panel_responded_on", panel_responded_on, "The date the panel responded")
    _not_before(
        errors,
        "decided_on",
        decided_on,
        review.rapid_review_held_on,
        f"The decision cannot come before the rapid review ({_day(review.rapid_review_held_on)})",
    )
    if panel_response and panel_responded_on is None:
        errors["panel_responded_on"] = "Enter the date the panel responded"
    if panel_responded_on is not None and not panel_response:
        errors["panel_response"] = "Choose what the panel said"
    _not_before(
        errors,
        "panel_responded_on",
        panel_responded_on,
        review.rapid_review_sent_on or review.rapid_review_held_on,
        "The panel cannot have responded before the rapid review was sent to it",
    )
    if (
        review.kind == ReviewKind.LOCAL_CSPR
        and decision != ReviewDecision.LOCAL_CSPR
        and review.commissioned_on
    ):
        errors["decision"] = "The local review has been commissioned: the decision cannot change"
    _refuse(errors)
    changes = {
        "decision": decision,
        "decided_on": decided_on,
        "decision_rationale": decision_rationale.strip(),
        "panel_response": panel_response,
        "panel_responded_on": panel_responded_on,
    }
    if decision == ReviewDecision.LOCAL_CSPR:
        changes |= {"kind": ReviewKind.LOCAL_CSPR, "status": ReviewStatus.OPEN}
    elif decision == ReviewDecision.NO_FURTHER_REVIEW:
        changes |= {"kind": ReviewKind.RAPID_REVIEW, "status": ReviewStatus.CLOSED}
    else:
        changes |= {"kind": ReviewKind.RAPID_REVIEW, "status": ReviewStatus.OPEN}
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


def review_record_commissioning(
    *,
    by,
    review: Review,
    expected_version: int,
    commissioned_on: date | None,
    reviewer: str = "",
    terms_of_reference: str = "",
) -> Review:
    ensure(by, MANAGE, review)
    if review.kind in (ReviewKind.SERIOUS_INCIDENT_NOTIFICATION, ReviewKind.RAPID_REVIEW):
        raise ValidationError(
            "Only a local child safeguarding practice review is commissioned: record the "
            "rapid review's decision to hold one first"
        )
    errors: dict[str, str] = {}
    if commissioned_on is None:
        errors["commissioned_on"] = "Enter the date the review was commissioned"
    _not_future(errors, "commissioned_on", commissioned_on, "The date it was commissioned")
    _not_before(
        errors,
        "commissioned_on",
        commissioned_on,
        review.decided_on,
        "The review cannot be commissioned before the decision to hold it"
        + (f" ({_day(review.decided_on)})" if review.decided_on else ""),
    )
    _not_before(
        errors,
        "commissioned_on",
        review.completed_on,
        commissioned_on,
        f"The review was completed on {_day(review.completed_on)}: it must have been "
        "commissioned before then"
        if review.completed_on
        else "",
    )
    _refuse(errors)
    changes = {
        "commissioned_on": commissioned_on,
        "reviewer": reviewer.strip(),
        "terms_of_reference": terms_of_reference.strip(),
    }
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


def review_record_completion(
    *,
    by,
    review: Review,
    expected_version: int,
    completed_on: date | None,
    publication_planned_on: date | None = None,
) -> Review:
    ensure(by, MANAGE, review)
    if review.commissioned_on is None:
        raise ValidationError("Record when the review was commissioned before its completion")
    errors: dict[str, str] = {}
    if completed_on is None and publication_planned_on is None:
        errors["completed_on"] = (
            "Enter the date the review was completed, or the planned publication date"
        )
    _not_future(errors, "completed_on", completed_on, "The date it was completed")
    _not_before(
        errors,
        "completed_on",
        completed_on,
        review.commissioned_on,
        f"The review cannot be completed before it was commissioned "
        f"({_day(review.commissioned_on)})",
    )
    _not_before(
        errors,
        "publication_planned_on",
        publication_planned_on,
        completed_on,
        "Publication cannot be planned before the review is completed",
    )
    _refuse(errors)
    changes = {"completed_on": completed_on, "publication_planned_on": publication_planned_on}
    if completed_on and review.status == ReviewStatus.OPEN:
        changes["status"] = ReviewStatus.COMPLETED
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


def review_record_publication(
    *,
    by,
    review: Review,
    expected_version: int,
    advance_copy_sent_on: date | None = None,
    published_on: date | None = None,
    publication_url: str = "",
) -> Review:
    ensure(by, MANAGE, review)
    if review.completed_on is None:
        raise ValidationError("A review is published only once it is completed: record that first")
    errors: dict[str, str] = {}
    if advance_copy_sent_on is None and published_on is None:
        errors["advance_copy_sent_on"] = (
            "Enter the date the advance copy was sent, or the date published"
        )
    _not_future(
        errors, "advance_copy_sent_on", advance_copy_sent_on, "The date the advance copy was sent"
    )
    _not_future(errors, "published_on", published_on, "The date of publication")
    completed = _day(review.completed_on)
    _not_before(
        errors,
        "advance_copy_sent_on",
        advance_copy_sent_on,
        review.completed_on,
        f"The advance copy cannot be sent before the review was completed ({completed})",
    )
    _not_before(
        errors,
        "published_on",
        published_on,
        review.completed_on,
        f"The review cannot be published before it was completed ({completed})",
    )
    _not_before(
        errors,
        "published_on",
        published_on,
        advance_copy_sent_on,
        "The review cannot be published before the advance copy was sent",
    )
    if published_on and not publication_url.strip():
        errors["publication_url"] = "Enter the web address where the review is published"
    _refuse(errors)
    changes = {
        "advance_copy_sent_on": advance_copy_sent_on,
        "published_on": published_on,
        "publication_url": publication_url.strip(),
    }
    if published_on:
        changes["status"] = ReviewStatus.PUBLISHED
    return update_versioned(obj=review, expected_version=expected_version, changes=changes, by=by)


# Milestones, drafts and information requests ---------------------------------------------


def milestone_add(
    *,
    by,
    review: Review,
    title: str,
    kind: str = MilestoneKind.MILESTONE,
    due_on: date | None = None,
    done_on: date | None = None,
    note: str = "",
) -> ReviewMilestone:
    ensure(by, MANAGE, review)
    errors = _milestone_errors(title=title, kind=kind, done_on=done_on)
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        return ReviewMilestone.objects.create(
            review=review,
            kind=kind,
            title=title.strip(),
            due_on=due_on,
            done_on=done_on,
            note=note.strip(),
        )


def _milestone_errors(*, title, kind, done_on) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter what the milestone is"
    if kind not in MilestoneKind.values:
        errors["kind"] = "Choose what kind of milestone it is"
    _not_future(errors, "done_on", done_on, "The date it was done")
    return errors


def milestone_update(
    *, by, milestone: ReviewMilestone, expected_version: int, **changes
) -> ReviewMilestone:
    ensure(by, MANAGE, milestone)
    merged = {f: changes.get(f, getattr(milestone, f)) for f in ("title", "kind", "done_on")}
    _refuse(_milestone_errors(**merged))
    return update_versioned(
        obj=milestone, expected_version=expected_version, changes=changes, by=by
    )


# Links to incidents and children -------------------------------------------------------


def review_link_incidents(
    *, by, review: Review, incident_ids: list[int], with_children: bool = True
) -> int:
    """Link incidents (by number) and, by default, every child in them. Returns how many
    incidents were newly linked. A number that is not this partnership's is refused without
    saying whether it exists elsewhere."""
    ensure(by, MANAGE, review)
    incidents = list(
        Incident.objects.filter(partnership_id=review.partnership_id, pk__in=incident_ids)
    )
    missing = sorted(set(incident_ids) - {i.pk for i in incidents})
    if missing:
        raise ValidationError(
            {"incident_ids": f"No incident {', '.join(map(str, missing))} in this partnership"}
        )
    return _link(by=by, review=review, incidents=incidents, with_children=with_children)


def _link(*, by, review, incidents, with_children) -> int:
    with transaction.atomic(), acting_as(by):
        already = set(review.incidents.values_list("pk", flat=True))
        new = [i for i in incidents if i.pk not in already]
        review.incidents.add(*new)
        if with_children:
            from cairn.people.models import Person

            review.children.add(
                *Person.objects.filter(involvements__incident__in=incidents).distinct()
            )
    return len(new)


def review_unlink_incidents(*, by, review: Review, incident_ids: list[int]) -> int:
    """Unlink incidents and the children who are in no other linked incident."""
    ensure(by, MANAGE, review)
    with transaction.atomic(), acting_as(by):
        gone = list(review.incidents.filter(pk__in=incident_ids))
        if not gone:
            raise ValidationError({"incident_ids": "None of those incidents is linked"})
        review.incidents.remove(*gone)
        still = review.incidents.values("pk")
        review.children.remove(
            *review.children.filter(involvements__incident__in=gone).exclude(
                involvements__incident__in=still
            )
        )
    return len(gone)


def review_link_cohort(*, by, review: Review) -> int:
    """Link every incident in a thematic review's cohort, and their children."""
    ensure(by, MANAGE, review)
    if review.kind != ReviewKind.THEMATIC:
        raise ValidationError("Only a thematic review has a cohort")
    errors = _cohort_errors(review.cohort_from, review.cohort_to)
    if errors:
        raise ValidationError("Set the cohort's dates before linking its incidents")
    return _link(by=by, review=review, incidents=list(cohort_incidents(review)), with_children=True)


# Findings -----------------------------------------------------------------------------


def _theme_errors(review, themes) -> dict[str, str]:
    for theme in themes:
        if theme.partnership_id != review.partnership_id:
            return {"themes": "Choose learning themes of this partnership"}
    return {}


def finding_add(*, by, review: Review, text: str, themes=()) -> Finding:
    ensure(by, MANAGE, review)
    errors = _theme_errors(review, themes)
    if not text.strip():
        errors["text"] = "Enter the finding"
    if any(not t.is_active for t in themes):
        errors["themes"] = "A retired learning theme cannot be given to a new finding"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        number = (review.findings.aggregate(n=Max("number"))["n"] or 0) + 1
        finding = Finding.objects.create(review=review, number=number, text=text.strip())
        finding.themes.set(themes)
    return finding


def finding_update(*, by, finding: Finding, expected_version: int, text: str, themes=()) -> Finding:
    ensure(by, MANAGE, finding)
    errors = _theme_errors(finding.review, themes)
    if not text.strip():
        errors["text"] = "Enter the finding"
    _refuse(errors)
    with transaction.atomic():
        finding = update_versioned(
            obj=finding, expected_version=expected_version, changes={"text": text.strip()}, by=by
        )
        with acting_as(by):
            finding.themes.set(themes)
    return finding


# Recommendations -----------------------------------------------------------------------


def _recommendation_errors(
    *, partnership_id, source, review, reference, text, scope, agencies, made_on, exclude_pk=None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if source not in RecommendationSource.values:
        errors["source"] = "Choose where the recommendation came from"
    if source == RecommendationSource.REVIEW and review is None:
        errors["review"] = "Choose the review the recommendation came from"
    if review is not None and review.partnership_id != partnership_id:
        errors["review"] = "Choose a review of this partnership"
    if not reference.strip():
        errors["reference"] = "Enter a reference, for example R3"
    elif (
        Recommendation.objects.filter(
            partnership_id=partnership_id, reference__iexact=reference.strip()
        )
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["reference"] = f"There is already a recommendation {reference.strip()}"
    if not text.strip():
        errors["text"] = "Enter the recommendation"
    if scope not in RecommendationScope.values:
        errors["scope"] = "Say whether the recommendation is for several agencies or one"
    elif scope == RecommendationScope.SINGLE_AGENCY and len(agencies) != 1:
        errors["agencies"] = "A single-agency recommendation is addressed to exactly one agency"
    elif scope == RecommendationScope.MULTI_AGENCY and len(agencies) == 1:
        errors["agencies"] = (
            "A multi-agency recommendation is addressed to more than one agency, or to all "
            "(choose none)"
        )
    if any(a.partnership_id != partnership_id for a in agencies):
        errors["agencies"] = "Choose agencies of this partnership"
    if made_on is None:
        errors["made_on"] = "Enter the date the recommendation was made"
    _not_future(errors, "made_on", made_on, "The date it was made")
    return errors


def recommendation_create(
    *,
    by,
    partnership,
    source: str,
    reference: str,
    text: str,
    scope: str,
    made_on: date | None,
    review: Review | None = None,
    agencies=(),
    findings=(),
    is_draft: bool = False,
) -> Recommendation:
    ensure(by, MANAGE, partnership)
    errors = _recommendation_errors(
        partnership_id=partnership.pk,
        source=source,
        review=review,
        reference=reference,
        text=text,
        scope=scope,
        agencies=list(agencies),
        made_on=made_on,
    )
    if any(review is None or f.review_id != review.pk for f in findings):
        errors["findings"] = "Choose findings of the same review"
    _refuse(errors)
    with transaction.atomic(), acting_as(by):
        recommendation = Recommendation.objects.create(
            partnership=partnership,
            source=source,
            review=review,
            reference=reference.strip(),
            text=text.strip(),
            scope=scope,
            made_on=made_on,
            is_draft=is_draft,
        )
        recommendation.agencies.set(agencies)
        recommendation.findings.set(findings)
    return recommendation


def recommendation_update(
    *,
    by,
    recommendation: Recommendation,
    expected_version: int,
    agencies=(),
    findings=(),
    **changes,
) -> Recommendation:
    ensure(by, MANAGE, recommendation)
    merged = {
        f: changes.get(f, getattr(recommendation, f))
        for f in ("source", "review", "reference", "text", "scope", "made_on")
    }
    errors = _recommendation_errors(
        partnership_id=recommendation.partnership_id,
        agencies=list(agencies),
        exclude_pk=recommendation.pk,
        **merged,
    )
    if any(merged["review"] is None or f.review_id != merged["review"].pk for f in findings):
        errors["findings"] = "Choose findings of the same review"
    _refuse(errors)
    for f in ("reference", "text"):
        if f in changes:
            changes[f] = changes[f].strip()
    with transaction.atomic():
        recommendation = update_versioned(
            obj=recommendation, expected_version=expected_version, changes=changes, by=by
        )
        with acting_as(by):
            recommendation.agencies.set(agencies)
            recommendation.findings.set(findings)
    return recommendation


def recommendation_respond(
    *,
    by,
    recommendation: Recommendation,
    expected_version: int,
    response: str,
    response_rationale: str = "",
    responded_on: date | None = None,
    agreed_by: BodyDecision | None = None,
    approved_by: BodyDecision | None = None,
    new_agreement: dict | None = None,
    new_approval: dict | None = None,
) -> Recommendation:
    """The partnership's response and the governance route that approved it.

    ``agreed_by``/``approved_by`` are existing decisions; ``new_agreement``/``new_approval``
    (``body``, ``decided_on``, ``reference``, ``summary``) record a body's decision here and
    now, in the same transaction.
    """
    from cairn.governance.services import decision_record

    ensure(by, MANAGE, recommendation)
    rationale = response_rationale.strip()
    errors: dict[str, str] = {}
    if response not in RecommendationResponse.values:
        errors["response"] = "Choose the partnership's response"
    if response in NEEDS_RATIONALE and not rationale:
        label = RecommendationResponse(response).label.lower()
        errors["response_rationale"] = (
            f"Give the reasons why the recommendation was {label}: a rationale is needed "
            "whenever a recommendation is not accepted in full"
        )
    if response != RecommendationResponse.AWAITING and responded_on is None:
        errors["responded_on"] = "Enter the date of the response"
    _not_future(errors, "responded_on", responded_on, "The date of the response")
    _not_before(
        errors,
        "responded_on",
        responded_on,
        recommendation.made_on,
        f"The response cannot come before the recommendation was made "
        f"({_day(recommendation.made_on)})",
    )
    for field, decision in (("agreed_by", agreed_by), ("approved_by", approved_by)):
        if decision is not None and decision.partnership_id != recommendation.partnership_id:
            errors[field] = "Choose a decision of this partnership"
    if agreed_by and new_agreement:
        errors["agreed_by"] = "Choose an existing decision or record a new one, not both"
    if approved_by and new_approval:
        errors["approved_by"] = "Choose an existing decision or record a new one, not both"
    _refuse(errors)
    with transaction.atomic():
        try:
            if new_agreement:
                agreed_by = decision_record(by=by, **new_agreement)
        except ValidationError as error:
            raise ValidationError(_prefixed(error, "agreement")) from None
        try:
            if new_approval:
                approved_by = decision_record(by=by, **new_approval)
        except ValidationError as error:
            raise ValidationError(_prefixed(error, "approval")) from None
        if agreed_by and approved_by and approved_by.decided_on < agreed_by.decided_on:
            raise ValidationError(
                {
                    "approved_by": "The approval cannot come before the agreement it approves "
                    f"({_day(agreed_by.decided_on)})"
                }
            )
        return update_versioned(
            obj=recommendation,
            expected_version=expected_version,
            changes={
                "response": response,
                "response_rationale": rationale,
                "responded_on": responded_on,
                "agreed_by": agreed_by,
                "approved_by": approved_by,
            },
            by=by,
        )


def _prefixed(error: ValidationError, prefix: str) -> dict:
    if hasattr(error, "error_dict"):
        return {f"{prefix}_{k}": v for k, v in error.message_dict.items()}
    return {f"{prefix}_summary": error.messages}
