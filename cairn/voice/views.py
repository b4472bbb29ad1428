"""Listening pages: engagements and their stages, each step from the safeguarding check to
closure, what they said (engagement team only, each read logged), "you said, we did", themes
and family feedback. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cairn.accounts.permissions import may, permission
from cairn.clocks.selectors import clock_book
from cairn.core.web import save_or_refuse
from cairn.voice import forms, selectors, services
from cairn.voice.choices import ConsentKind, EngagementStage

VIEW = "voice.view_engagements"
MANAGE = "voice.manage_engagements"
WORDS = "voice.view_words"
VIEW_FEEDBACK = "voice.view_feedback"
MANAGE_FEEDBACK = "voice.manage_feedback"


def _found(obj):
    if obj is None:
        raise Http404
    return obj


def _engagement(request, pk):
    return _found(selectors.engagement_for(viewer=request.user, pk=pk))


def _form_page(request, form, *, title, engagement=None, back=None, intro="", button="Save"):
    back = back or (
        reverse("voice:detail", args=[engagement.pk]) if engagement else reverse("voice:list")
    )
    return render(
        request,
        "voice/form.html",
        {
            "form": form,
            "title": title,
            "engagement": engagement,
            "back": back,
            "intro": intro,
            "button": button,
        },
    )


def _back_to(engagement):
    return lambda _obj: ("voice:detail", engagement.pk)


def _versioned_form(request, obj, form, save, *, title, success, then, **page):
    """A form that changes ``obj`` from its current values: ``save(version, changes)`` saves."""
    form.initial = {n: getattr(obj, n) for n in form.fields if n != "version"} | {
        "version": obj.version
    }
    response = save_or_refuse(
        request,
        form,
        lambda: save(form.cleaned_data["version"], form.changes()),
        success=success,
        then=then,
    )
    return response or _form_page(request, form, title=title, **page)


def _add_step(form_class, service, *, title, success, intro="", form_kwargs=None):
    """A page that adds one record (a check, a consent, a session, ...) to an engagement."""

    @permission(MANAGE)
    def view(request, pk):
        engagement = _engagement(request, pk)
        kwargs = form_kwargs(request, engagement) if form_kwargs else {}
        form = form_class(request.POST or None, **kwargs)
        response = save_or_refuse(
            request,
            form,
            lambda: service(by=request.user, engagement=engagement, **form.cleaned_data),
            success=success,
            then=_back_to(engagement),
        )
        return response or _form_page(
            request, form, title=title, engagement=engagement, intro=intro
        )

    return view


# Engagements ------------------------------------------------------------------------------


@permission(VIEW)
def engagement_list(request):
    partnership = request.user.partnership
    filters = forms.EngagementFilterForm(request.GET or None, partnership=partnership)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    engagements = selectors.engagement_list_for(
        viewer=request.user,
        stage=chosen.get("stage", ""),
        participant_kind=chosen.get("participant_kind", ""),
        theme=chosen.get("theme"),
    )
    return render(
        request,
        "voice/list.html",
        {
            "filters": filters,
            "engagements": engagements,
            "counts": selectors.stage_counts(request.user),
            "stages": EngagementStage.choices,
            "may_manage": may(request.user, MANAGE),
            "may_view_feedback": may(request.user, VIEW_FEEDBACK),
        },
    )


@permission(MANAGE)
def engagement_new(request):
    form = forms.EngagementForm(request.POST or None, viewer=request.user)
    response = save_or_refuse(
        request,
        form,
        lambda: services.engagement_create(
            by=request.user, partnership=request.user.partnership, **form.changes()
        ),
        success="Engagement started: record the safeguarding check before any contact",
        then=lambda e: ("voice:detail", e.pk),
    )
    return response or _form_page(request, form, title="Start an engagement")


@permission(VIEW)
def engagement_detail(request, pk):
    engagement = _engagement(request, pk)
    return render(
        request,
        "voice/detail.html",
        {
            "e": engagement,
            "page": selectors.engagement_page(viewer=request.user, engagement=engagement),
            "may_manage": may(request.user, MANAGE, engagement),
            "may_read_words": may(request.user, WORDS, engagement),
        },
    )


@permission(MANAGE)
def engagement_edit(request, pk):
    engagement = _engagement(request, pk)
    return _versioned_form(
        request,
        engagement,
        forms.EngagementForm(request.POST or None, viewer=request.user),
        lambda version, changes: services.engagement_update(
            by=request.user, engagement=engagement, expected_version=version, **changes
        ),
        title="Change the engagement",
        success="Engagement updated",
        then=_back_to(engagement),
        engagement=engagement,
    )


check_new = _add_step(
    forms.CheckForm,
    services.check_record,
    title="Record a safeguarding check",
    success="Safeguarding check recorded",
    intro="Check that contact is safe for them before anyone contacts them. No invitation, "
    "consent or session can be recorded until a check has passed.",
)


def _versioned_step(request, pk, form_class, service, *, title, success):
    engagement = _engagement(request, pk)
    return _versioned_form(
        request,
        engagement,
        form_class(request.POST or None),
        lambda version, changes: service(
            by=request.user, engagement=engagement, expected_version=version, **changes
        ),
        title=title,
        success=success,
        then=_back_to(engagement),
        engagement=engagement,
    )


def _step_view(form_class, service, *, title, success):
    """A page that records one step of an engagement through a versioned form."""

    @permission(MANAGE)
    def view(request, pk):
        return _versioned_step(request, pk, form_class, service, title=title, success=success)

    return view


invitation = _step_view(
    forms.InvitationForm,
    services.invitation_record,
    title="Record the invitation",
    success="Invitation recorded",
)
reply = _step_view(
    forms.ReplyForm, services.invitation_reply, title="Record their reply", success="Reply recorded"
)
follow_up = _step_view(
    forms.FollowUpForm,
    services.follow_up_record,
    title="Record telling them what was done",
    success="Follow-up recorded",
)
close = _step_view(
    forms.CloseForm,
    services.engagement_close,
    title="Close the engagement",
    success="Engagement closed",
)


consent_new = _add_step(
    forms.ConsentForm,
    services.consent_give,
    title="Record their consent",
    success="Consent recorded",
    intro="Each consent is separate, and they can withdraw any of them at any time.",
)


@permission(MANAGE)
def consent_withdraw(request, pk):
    consent = _found(selectors.consent_for(viewer=request.user, pk=pk))
    engagement = consent.engagement
    form = forms.WithdrawForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.consent_withdraw(by=request.user, consent=consent, **form.cleaned_data),
        success="Withdrawal recorded",
        then=_back_to(engagement),
    )
    intro = "The consent stays on record with the date it was withdrawn."
    if consent.kind == ConsentKind.SHARE_VIEWS:
        intro += (
            " Their words will no longer be shown anywhere they were shared, including "
            "‘you said, we did’ evidence; the themes and what was done stay."
        )
    return response or _form_page(
        request,
        form,
        title=f"Withdraw their consent {consent.get_kind_display().lower()}",
        engagement=engagement,
        intro=intro,
        button="Record the withdrawal",
    )


session_new = _add_step(
    forms.SessionForm, services.session_record, title="Record a session", success="Session recorded"
)


@permission(WORDS)
def contribution_new(request, pk):
    session = _found(selectors.session_for(viewer=request.user, pk=pk))
    engagement = session.engagement
    form = forms.ContributionForm(request.POST or None, partnership=engagement.partnership)
    response = save_or_refuse(
        request,
        form,
        lambda: services.contribution_record(by=request.user, session=session, **form.cleaned_data),
        success="What they said is recorded",
        then=lambda _c: ("voice:words", engagement.pk),
    )
    return response or _form_page(
        request,
        form,
        title=f"Record what they said on {session.held_on:%-d %B %Y}",
        engagement=engagement,
    )


@permission(WORDS)
def words(request, pk):
    engagement = _engagement(request, pk)
    sessions = selectors.words_read(viewer=request.user, engagement=engagement)
    return render(
        request,
        "voice/words.html",
        {
            "e": engagement,
            "sessions": sessions,
            "may_manage": may(request.user, MANAGE, engagement),
        },
    )


response_new = _add_step(
    forms.ResponseForm,
    services.response_agree,
    title="Record a response agreed with them",
    success="Agreed response recorded",
    form_kwargs=lambda request, engagement: {"partnership": engagement.partnership},
)


evidence_new = _add_step(
    forms.YouSaidWeDidForm,
    services.you_said_we_did_link,
    title="Attach ‘you said, we did’ evidence",
    success="‘You said, we did’ evidence attached",
    intro="Attach a theme or an agreed response to a recommendation or a plan action, as "
    "evidence of what was done in answer to what they said.",
    form_kwargs=lambda request, engagement: {"engagement": engagement, "viewer": request.user},
)


@permission(VIEW)
def theme_list(request):
    return render(
        request,
        "voice/themes.html",
        {
            "themes": selectors.themes_for(partnership=request.user.partnership),
            "may_manage": may(request.user, MANAGE),
        },
    )


@permission(MANAGE)
def theme_new(request):
    form = forms.ThemeForm(request.POST or None)
    response = save_or_refuse(
        request,
        form,
        lambda: services.voice_theme_add(
            by=request.user, partnership=request.user.partnership, **form.cleaned_data
        ),
        success="Theme added",
        then=lambda _t: ("voice:theme_list",),
    )
    return response or _form_page(
        request, form, title="Add a theme", back=reverse("voice:theme_list")
    )


@permission(MANAGE)
def theme_retire(request, pk):
    theme = _found(selectors.theme_for(viewer=request.user, pk=pk))
    if request.method == "POST":
        services.voice_theme_set_active(by=request.user, theme=theme, is_active=not theme.is_active)
        messages.success(
            request, f"{theme.name} {'brought back' if theme.is_active else 'retired'}"
        )
        return redirect("voice:theme_list")
    return render(request, "voice/theme_retire.html", {"theme": theme})


# Family feedback --------------------------------------------------------------------------


@permission(VIEW_FEEDBACK)
def feedback_list(request):
    filters = forms.FeedbackFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    return render(
        request,
        "voice/feedback_list.html",
        {
            "filters": filters,
            "rows": selectors.feedback_list_for(viewer=request.user, state=chosen.get("state", "")),
            "may_manage": may(request.user, MANAGE_FEEDBACK),
        },
    )


@permission(MANAGE_FEEDBACK)
def feedback_new(request):
    form = forms.FeedbackForm(request.POST or None, viewer=request.user)
    response = save_or_refuse(
        request,
        form,
        lambda: services.feedback_record(
            by=request.user, partnership=request.user.partnership, **form.cleaned_data
        ),
        success="Feedback recorded",
        then=lambda f: ("voice:feedback_detail", f.pk),
    )
    return response or _form_page(
        request,
        form,
        title="Record feedback from a family",
        back=reverse("voice:feedback_list"),
        intro="Feedback or a challenge about how a case or a review was handled. Record only "
        "what you need: no names or addresses.",
    )


def _feedback(request, pk):
    return _found(selectors.feedback_for(viewer=request.user, pk=pk))


@permission(VIEW_FEEDBACK)
def feedback_detail(request, pk):
    feedback = _feedback(request, pk)
    incident_visible = selectors.incident_visible(viewer=request.user, incident=feedback.incident)
    return render(
        request,
        "voice/feedback_detail.html",
        {
            "f": feedback,
            "clocks": selectors.feedback_clocks(
                feedback, book=clock_book(partnership=feedback.partnership)
            ),
            "incident_visible": incident_visible,
            "may_manage": may(request.user, MANAGE_FEEDBACK, feedback),
        },
    )


def _feedback_step(request, pk, form_class, service, *, title, success):
    feedback = _feedback(request, pk)
    return _versioned_form(
        request,
        feedback,
        form_class(request.POST or None),
        lambda version, changes: service(
            by=request.user, feedback=feedback, expected_version=version, **changes
        ),
        title=title,
        success=success,
        then=lambda f: ("voice:feedback_detail", f.pk),
        back=reverse("voice:feedback_detail", args=[feedback.pk]),
    )


@permission(MANAGE_FEEDBACK)
def feedback_acknowledge(request, pk):
    return _feedback_step(
        request,
        pk,
        forms.AcknowledgeForm,
        services.feedback_acknowledge,
        title="Record the acknowledgement",
        success="Acknowledgement recorded",
    )


@permission(MANAGE_FEEDBACK)
def feedback_respond(request, pk):
    return _feedback_step(
        request,
        pk,
        forms.RespondForm,
        services.feedback_respond,
        title="Record the outcome and response",
        success="Response recorded",
    )
