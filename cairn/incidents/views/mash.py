"""MASH triage and decisions, one child at a time."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import may, permission
from cairn.core.services import EditConflict
from cairn.incidents import services
from cairn.incidents.forms import DecisionForm, TriageForm
from cairn.incidents.models import Decision
from cairn.incidents.selectors import involvements_visible_to
from cairn.incidents.selectors.mash import decisions_awaiting_sign_off, mash_queue


def _involvement(request, pk):
    involvement = (
        involvements_visible_to(request.user)
        .select_related("person", "incident")
        .filter(pk=pk)
        .first()
    )
    if involvement is None:
        raise Http404
    return involvement


@permission("incidents.decide")
def queue(request):
    sign_off = (
        decisions_awaiting_sign_off(request.user) if may(request.user, "incidents.sign_off") else []
    )
    return render(
        request,
        "incidents/mash/queue.html",
        {"rows": mash_queue(request.user), "sign_off": sign_off},
    )


@permission("incidents.decide")
def triage(request, pk):
    involvement = _involvement(request, pk)
    initial = {
        "version": involvement.version,
        "rag": involvement.rag,
        "stage": involvement.mash_stage,
    }
    form = TriageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_triage(
                by=request.user,
                involvement=involvement,
                expected_version=form.cleaned_data["version"],
                rag=form.cleaned_data["rag"],
                stage=form.cleaned_data["stage"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"Screening saved for {involvement.person}")
            return redirect("incidents:mash_queue")
    return render(request, "incidents/mash/triage.html", {"form": form, "involvement": involvement})


@permission("incidents.decide")
def decide(request, pk):
    involvement = _involvement(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(by=request.user, involvement=involvement, **form.cleaned_data)
        except ValidationError as error:
            for field, errs in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, f"Decision recorded for {involvement.person}")
            return redirect("incidents:mash_queue")
    return render(request, "incidents/mash/decide.html", {"form": form, "involvement": involvement})


@require_POST
@permission("incidents.sign_off")
def sign_off(request, pk):
    visible = involvements_visible_to(request.user).values("pk")
    decision = Decision.objects.filter(pk=pk, involvement__in=visible).first()
    if decision is None:
        raise Http404
    services.decision_sign_off(decision=decision, manager=request.user)
    messages.success(request, f"Decision for {decision.involvement.person} signed off")
    return redirect("incidents:mash_queue")
