"""Recording an incident, GOV.UK style: details, then each child (search before create),
then check your answers. The draft lives in the session until the incident is recorded, so
nothing half-made reaches the database and nothing typed is lost between pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.models import Agency
from cairn.accounts.permissions import permission
from cairn.incidents import services
from cairn.incidents.choices import AbuseForm, InvolvementRole, ReferralSource, SexualViolenceKind
from cairn.incidents.forms import ChildSearchForm, IncidentDetailsForm
from cairn.incidents.models import Context
from cairn.people.selectors import people_visible_to

DRAFT = "cairn_incident_draft"


def _draft(request) -> dict:
    return request.session.get(DRAFT) or {"details": None, "children": []}


def _save_draft(request, draft) -> None:
    request.session[DRAFT] = draft


@permission("incidents.record_incident")
def details(request):
    draft = _draft(request)
    form = IncidentDetailsForm(
        request.POST or None, user=request.user, initial=draft["details"] or {}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft["details"] = {
            "reported_on": data["reported_on"].strftime("%d/%m/%Y"),
            "reported_time": data["reported_time"].strftime("%H:%M"),
            "occurred_on": data["occurred_on"].strftime("%d/%m/%Y") if data["occurred_on"] else "",
            "forms_of_abuse": data["forms_of_abuse"],
            "sexual_violence_kinds": data["sexual_violence_kinds"],
            "online_element": data["online_element"],
            "narrative": data["narrative"],
            "reporting_agency": data["reporting_agency"].pk,
            "reporter_role": data["reporter_role"],
            "referral_source": data["referral_source"],
            "referred_to_police": data["referred_to_police"],
            "contexts": [c.pk for c in data["contexts"]],
        }
        _save_draft(request, draft)
        return redirect("incidents:new_children")
    return render(request, "incidents/record/details.html", {"form": form})


def _draft_people(request, draft):
    ids = [c["person"] for c in draft["children"]]
    people = {
        p.pk: p for p in people_visible_to(request.user).filter(pk__in=ids).select_related("school")
    }
    return [
        (people[c["person"]], InvolvementRole(c["role"]))
        for c in draft["children"]
        if c["person"] in people
    ]


@permission("incidents.record_incident")
def children(request):
    draft = _draft(request)
    if not draft["details"]:
        return redirect("incidents:new")
    search = ChildSearchForm(request.GET or None)
    candidates = []
    if request.GET and search.is_valid():
        from cairn.people.matching import find_candidates

        data = search.cleaned_data
        candidates = find_candidates(
            viewer=request.user,
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
        )
    chosen = {c["person"] for c in draft["children"]}
    return render(
        request,
        "incidents/record/children.html",
        {
            "search": search,
            "searched": bool(request.GET),
            "candidates": [c for c in candidates if c.person.pk not in chosen],
            "added": _draft_people(request, draft),
            "roles": InvolvementRole.choices,
            "error": request.session.pop("cairn_incident_child_error", ""),
        },
    )


@require_POST
@permission("incidents.record_incident")
def child_add(request):
    draft = _draft(request)
    person = people_visible_to(request.user).filter(pk=request.POST.get("person") or 0).first()
    role = request.POST.get("role", "")
    if person is None:
        request.session["cairn_incident_child_error"] = "Choose a child from the search results"
    elif role not in InvolvementRole.values:
        request.session["cairn_incident_child_error"] = f"Choose {person}'s role in the incident"
    elif person.pk in {c["person"] for c in draft["children"]}:
        request.session["cairn_incident_child_error"] = f"{person} is already in this incident"
    else:
        draft["children"].append({"person": person.pk, "role": role})
        _save_draft(request, draft)
        messages.success(request, f"{person} added as {InvolvementRole(role).label.lower()}")
    return redirect("incidents:new_children")


@require_POST
@permission("incidents.record_incident")
def child_remove(request):
    draft = _draft(request)
    draft["children"] = [
        c for c in draft["children"] if str(c["person"]) != request.POST.get("person")
    ]
    _save_draft(request, draft)
    return redirect("incidents:new_children")


def _summary(request, draft):
    d = draft["details"]
    return {
        "details": d,
        "forms": [AbuseForm(f).label for f in d["forms_of_abuse"]],
        "sv_kinds": [SexualViolenceKind(k).label for k in d["sexual_violence_kinds"]],
        "agency": Agency.objects.filter(
            pk=d["reporting_agency"], partnership_id=request.user.partnership_id
        ).first(),
        "source": ReferralSource(d["referral_source"]).label,
        "contexts": Context.objects.filter(
            pk__in=d["contexts"], partnership_id=request.user.partnership_id
        ),
        "children": _draft_people(request, draft),
    }


@permission("incidents.record_incident")
def check(request):
    draft = _draft(request)
    if not draft["details"]:
        return redirect("incidents:new")
    summary = _summary(request, draft)
    errors = []
    if request.method == "POST":
        form = IncidentDetailsForm(draft["details"], user=request.user)
        if not form.is_valid():
            return redirect("incidents:new")
        data = form.cleaned_data
        try:
            incident = services.incident_record(
                by=request.user,
                reported_at=form.reported_at(),
                occurred_on=data["occurred_on"],
                forms=data["forms_of_abuse"],
                sexual_violence_kinds=data["sexual_violence_kinds"],
                online_element=data["online_element"],
                narrative=data["narrative"],
                reporting_agency=data["reporting_agency"],
                reporter_role=data["reporter_role"],
                referral_source=data["referral_source"],
                referred_to_police=data["referred_to_police"],
                contexts=list(data["contexts"]),
                children=[services.ChildInIncident(p, r) for p, r in summary["children"]],
            )
        except ValidationError as error:
            errors = [m for messages_ in error.message_dict.values() for m in messages_]
        else:
            request.session.pop(DRAFT, None)
            messages.success(
                request, f"Incident {incident.pk} recorded with {len(summary['children'])} children"
            )
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/record/check.html", summary | {"errors": errors})
