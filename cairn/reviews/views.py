"""Review pages: the list, starting a review, its route step by step, links, milestones,
findings, learning themes and recommendations. Thin: parse, call a service or selector,
render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cairn.accounts.permissions import may, permission
from cairn.clocks.selectors import clock_book
from cairn.core.web import add_service_errors, save_or_refuse
from cairn.reviews import selectors, services
from cairn.reviews.choices import STARTING_KINDS, ReviewKind
from cairn.reviews.forms import (
    STEPS,
    FindingForm,
    LinkIncidentsForm,
    MilestoneForm,
    RecommendationFilterForm,
    RecommendationForm,
    ResponseForm,
    ReviewFilterForm,
    StartForm,
    ThemeForm,
    review_form_for,
)

VIEW = "reviews.view_reviews"
MANAGE = "reviews.manage_reviews"
KIND_SLUGS = {
    "serious-incident": ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
    "thematic": ReviewKind.THEMATIC,
    "scrutiny": ReviewKind.SCRUTINY,
}


def _found(obj):
    if obj is None:
        raise Http404
    return obj


def _review(request, pk):
    return _found(selectors.review_for(viewer=request.user, pk=pk))


@permission(VIEW)
def review_list(request):
    filters = ReviewFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    reviews = selectors.review_list_for(
        viewer=request.user, kind=chosen.get("kind", ""), status=chosen.get("status", "")
    )
    return render(
        request,
        "reviews/list.html",
        {"filters": filters, "reviews": reviews, "may_manage": may(request.user, MANAGE)},
    )


@permission(MANAGE)
def review_start(request):
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        slug = {v: k for k, v in KIND_SLUGS.items()}[form.cleaned_data["kind"]]
        return redirect(f"{reverse('reviews:new')}?kind={slug}")
    return render(request, "reviews/start.html", {"form": form})


@permission(MANAGE)
def review_new(request):
    kind = request.GET.get("kind", "")
    if kind not in KIND_SLUGS:
        return redirect("reviews:start")
    kind_value = KIND_SLUGS[kind]
    partnership = request.user.partnership
    form = review_form_for(kind_value, request.POST or None, partnership=partnership)
    response = save_or_refuse(
        request,
        form,
        lambda: services.review_create(
            by=request.user, partnership=partnership, kind=kind_value, **form.changes()
        ),
        success="Review started",
        then=lambda r: ("reviews:detail", r.pk),
    )
    return response or render(
        request,
        "reviews/review_form.html",
        {"form": form, "kind_label": ReviewKind(kind_value).label},
    )


@permission(VIEW)
def review_detail(request, pk):
    review = _review(request, pk)
    book = clock_book(partnership=review.partnership)
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "route": selectors.route_for(review, book=book),
            "links": selectors.links_for(review=review, viewer=request.user),
            "milestones": list(review.milestones.all()),
            "findings": list(selectors.findings_of(review)),
            "recommendations": list(
                selectors.recommendation_list_for(viewer=request.user, review=review)
            ),
            "may_manage": may(request.user, MANAGE, review),
            "steps": _steps_for(review),
        },
    )


def _steps_for(review) -> list[tuple[str, str]]:
    """The route's forms that apply to this kind of review: (URL name, link text)."""
    names = (
        ["notification", "rapid-review", "decision"]
        if review.kind
        in (
            ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
            ReviewKind.RAPID_REVIEW,
            ReviewKind.LOCAL_CSPR,
        )
        else []
    )
    if review.kind in (ReviewKind.LOCAL_CSPR, ReviewKind.THEMATIC, ReviewKind.SCRUTINY):
        names += ["commissioning", "completion", "publication"]
    return [(f"reviews:step_{n.replace('-', '_')}", STEPS[n][0]) for n in names]


@permission(MANAGE)
def review_edit(request, pk):
    review = _review(request, pk)
    kind = (
        review.kind if review.kind in STARTING_KINDS else ReviewKind.SERIOUS_INCIDENT_NOTIFICATION
    )
    form = review_form_for(kind, request.POST or None, partnership=review.partnership)
    form.initial = {name: getattr(review, name) for name in form.fields if name != "version"} | {
        "version": review.version
    }
    response = save_or_refuse(
        request,
        form,
        lambda: services.review_update(
            by=request.user,
            review=review,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Review updated",
        then=lambda r: ("reviews:detail", r.pk),
    )
    return response or render(
        request,
        "reviews/review_form.html",
        {"form": form, "review": review, "kind_label": review.get_kind_display()},
    )


def review_step(request, pk, step):
    review = _review(request, pk)
    title, form_class, service_name = STEPS[step]
    initial = {n: getattr(review, n) for n in form_class.base_fields if n != "version"}
    form = form_class(request.POST or None, initial=initial | {"version": review.version})
    service = getattr(services, service_name)
    response = save_or_refuse(
        request,
        form,
        lambda: service(
            by=request.user,
            review=review,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success=f"{title[len('Record the ') :].capitalize()} recorded",
        then=lambda r: ("reviews:detail", r.pk),
    )
    return response or render(
        request, "reviews/step_form.html", {"form": form, "review": review, "title": title}
    )


def _step_view(step):
    def view(request, pk):
        return review_step(request, pk, step)

    view.__name__ = f"step_{step.replace('-', '_')}"
    return permission(MANAGE)(view)


STEP_VIEWS = {step: _step_view(step) for step in STEPS}


@permission(MANAGE)
def review_links(request, pk):
    review = _review(request, pk)
    form = LinkIncidentsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = form.cleaned_data["incident_ids"]
        try:
            if form.cleaned_data["unlink"]:
                n = services.review_unlink_incidents(
                    by=request.user, review=review, incident_ids=ids
                )
                messages.success(request, f"{n} incident{'s' if n != 1 else ''} unlinked")
            else:
                n = services.review_link_incidents(by=request.user, review=review, incident_ids=ids)
                messages.success(request, f"{n} incident{'s' if n != 1 else ''} linked")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("reviews:detail", pk=review.pk)
    return render(
        request,
        "reviews/links.html",
        {
            "form": form,
            "review": review,
            "links": selectors.links_for(review=review, viewer=request.user),
        },
    )


@permission(MANAGE)
def review_cohort(request, pk):
    review = _review(request, pk)
    if review.kind != ReviewKind.THEMATIC:
        raise Http404
    if request.method == "POST":
        try:
            n = services.review_link_cohort(by=request.user, review=review)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{n} more incident{'s' if n != 1 else ''} from the cohort linked"
            )
        return redirect("reviews:detail", pk=review.pk)
    return render(
        request,
        "reviews/cohort.html",
        {"review": review, "matches": selectors.cohort_incidents(review).count()},
    )


@permission(MANAGE)
def milestone_new(request, pk):
    review = _review(request, pk)
    form = MilestoneForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.milestone_add(by=request.user, review=review, **form.changes()),
        success="Milestone added",
        then=lambda m: ("reviews:detail", review.pk),
    )
    return response or render(
        request, "reviews/milestone_form.html", {"form": form, "review": review}
    )


@permission(MANAGE)
def milestone_edit(request, pk):
    milestone = _found(selectors.milestone_for(viewer=request.user, pk=pk))
    initial = {n: getattr(milestone, n) for n in ("kind", "title", "due_on", "done_on", "note")}
    form = MilestoneForm(request.POST or None, initial=initial | {"version": milestone.version})
    response = save_or_refuse(
        request,
        form,
        lambda: services.milestone_update(
            by=request.user,
            milestone=milestone,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Milestone updated",
        then=lambda m: ("reviews:detail", milestone.review_id),
    )
    return response or render(
        request,
        "reviews/milestone_form.html",
        {"form": form, "review": milestone.review, "milestone": milestone},
    )


@permission(MANAGE)
def finding_new(request, pk):
    review = _review(request, pk)
    form = FindingForm(request.POST or None, partnership=review.partnership)
    response = save_or_refuse(
        request,
        form,
        lambda: services.finding_add(by=request.user, review=review, **form.changes()),
        success="Finding added",
        then=lambda f: ("reviews:detail", review.pk),
    )
    return response or render(
        request, "reviews/finding_form.html", {"form": form, "review": review}
    )


@permission(MANAGE)
def finding_edit(request, pk):
    finding = _found(selectors.finding_for(viewer=request.user, pk=pk))
    initial = {
        "text": finding.text,
        "themes": list(finding.themes.all()),
        "version": finding.version,
    }
    form = FindingForm(
        request.POST or None, partnership=finding.review.partnership, initial=initial
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.finding_update(
            by=request.user,
            finding=finding,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Finding updated",
        then=lambda f: ("reviews:detail", finding.review_id),
    )
    return response or render(
        request,
        "reviews/finding_form.html",
        {"form": form, "review": finding.review, "finding": finding},
    )


@permission(VIEW)
def theme_list(request):
    partnership = request.user.partnership
    form = ThemeForm()
    return render(
        request,
        "reviews/themes.html",
        {
            "themes": selectors.themes_for(partnership=partnership),
            "form": form,
            "may_manage": may(request.user, MANAGE),
        },
    )


@permission(MANAGE)
def theme_new(request):
    form = ThemeForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.theme_add(
            by=request.user, partnership=request.user.partnership, **form.cleaned_data
        ),
        success="Learning theme added",
        then=lambda t: ("reviews:theme_list",),
    )
    return response or render(request, "reviews/theme_form.html", {"form": form})


@permission(MANAGE)
def theme_retire(request, pk):
    theme = _found(selectors.theme_for(viewer=request.user, pk=pk))
    if request.method == "POST":
        services.theme_set_active(by=request.user, theme=theme, is_active=not theme.is_active)
        messages.success(
            request, f"{theme.name} {'brought back' if theme.is_active else 'retired'}"
        )
        return redirect("reviews:theme_list")
    return render(request, "reviews/theme_retire.html", {"theme": theme})


@permission(VIEW)
def recommendation_list(request):
    filters = RecommendationFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    return render(
        request,
        "reviews/recommendation_list.html",
        {
            "filters": filters,
            "recommendations": selectors.recommendation_list_for(
                viewer=request.user,
                response=chosen.get("response", ""),
                source=chosen.get("source", ""),
            ),
            "may_manage": may(request.user, MANAGE),
        },
    )


@permission(MANAGE)
def recommendation_new(request):
    partnership = request.user.partnership
    review = None
    if request.GET.get("review", "").isdigit():
        review = selectors.review_for(viewer=request.user, pk=int(request.GET["review"]))
    initial = {"review": review.pk, "source": "review"} if review else {}
    form = RecommendationForm(
        request.POST or None, partnership=partnership, review=review, initial=initial
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.recommendation_create(
            by=request.user, partnership=partnership, **form.changes()
        ),
        success="Recommendation added",
        then=lambda r: ("reviews:recommendation_detail", r.pk),
    )
    return response or render(
        request, "reviews/recommendation_form.html", {"form": form, "review": review}
    )


def _recommendation(request, pk):
    return _found(selectors.recommendation_for(viewer=request.user, pk=pk))


@permission(VIEW)
def recommendation_detail(request, pk):
    recommendation = _recommendation(request, pk)
    return render(
        request,
        "reviews/recommendation_detail.html",
        {
            "rec": recommendation,
            "may_manage": may(request.user, MANAGE, recommendation),
        },
    )


@permission(MANAGE)
def recommendation_edit(request, pk):
    rec = _recommendation(request, pk)
    initial = {
        n: getattr(rec, n)
        for n in ("source", "review", "reference", "text", "scope", "made_on", "is_draft")
    } | {
        "agencies": list(rec.agencies.all()),
        "findings": list(rec.findings.all()),
        "version": rec.version,
    }
    form = RecommendationForm(
        request.POST or None, partnership=rec.partnership, review=rec.review, initial=initial
    )
    response = save_or_refuse(
        request,
        form,
        lambda: services.recommendation_update(
            by=request.user,
            recommendation=rec,
            expected_version=form.cleaned_data["version"],
            **form.changes(),
        ),
        success="Recommendation updated",
        then=lambda r: ("reviews:recommendation_detail", r.pk),
    )
    return response or render(
        request,
        "reviews/recommendation_form.html",
        {"form": form, "review": rec.review, "rec": rec},
    )


@permission(MANAGE)
def recommendation_respond(request, pk):
    rec = _recommendation(request, pk)
    initial = {
        n: getattr(rec, n)
        for n in ("response", "response_rationale", "responded_on", "agreed_by", "approved_by")
    } | {"version": rec.version}
    form = ResponseForm(request.POST or None, partnership=rec.partnership, initial=initial)
    response = save_or_refuse(
        request,
        form,
        lambda: services.recommendation_respond(
            by=request.user,
            recommendation=rec,
            expected_version=form.cleaned_data["version"],
            **form.route(rec),
        ),
        success="Response recorded",
        then=lambda r: ("reviews:recommendation_detail", r.pk),
    )
    return response or render(request, "reviews/response_form.html", {"form": form, "rec": rec})
