"""Finding a person, adding one after a search, and seeing their record (every view of a
record is logged).

Search before create: the "None of these" link on the results carries a signed token of that
search (who searched, for which names, when). Adding a person needs a token less than an hour
old for the same user and the same names; without one, or with the names changed since, the
user is sent to search first.
"""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from cairn.accounts.permissions import ensure, may, permission
from cairn.audit.services import record_view
from cairn.people import services
from cairn.people.forms import FindPersonForm, NewPersonForm
from cairn.people.matching import find_candidates, normalise, search_by_name
from cairn.people.models import Person
from cairn.people.selectors import WHOLE_PARTNERSHIP_ROLES, record_sections_for

SEARCH_SALT = "cairn.people.search"
SEARCH_MAX_AGE = 60 * 60  # seconds a search stays good for adding a person


@permission("people.search_people")
def search(request):
    query = request.GET.get("q", "").strip()
    results = search_by_name(viewer=request.user, query=query) if query else []
    return render(request, "people/search.html", {"q": query, "results": results})


def _next_url(request) -> str:
    """Where to go after adding a person (e.g. back to recording an incident), if safe."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else ""


def _find_url(*, given_name="", family_name="", date_of_birth=None, school=None, next_url=""):
    params = {"given_name": given_name, "family_name": family_name}
    if date_of_birth:
        params |= {
            "date_of_birth_day": date_of_birth.day,
            "date_of_birth_month": date_of_birth.month,
            "date_of_birth_year": date_of_birth.year,
        }
    if school:
        params["school"] = getattr(school, "pk", school)
    if next_url:
        params["next"] = next_url
    return f"{reverse('people:find')}?{urlencode(params)}"


def _search_token(user, data: dict) -> str:
    dob, school = data["date_of_birth"], data["school"]
    return signing.dumps(
        {
            "user": user.pk,
            "given_name": data["given_name"].strip(),
            "family_name": data["family_name"].strip(),
            "date_of_birth": dob.isoformat() if dob else "",
            "school": school.pk if school else None,
        },
        salt=SEARCH_SALT,
    )


def _searched(request, token: str) -> dict | None:
    """The search a token vouches for, if it is this user's and recent enough."""
    try:
        search = signing.loads(token, salt=SEARCH_SALT, max_age=SEARCH_MAX_AGE)
    except signing.BadSignature:
        return None
    return search if search.get("user") == request.user.pk else None


def _same_names(search: dict, data: dict) -> bool:
    return all(normalise(search[k]) == normalise(data[k]) for k in ("given_name", "family_name"))


@permission("people.search_people")
def find(request):
    """Search by name, date of birth and school; ranked candidates with the reasons."""
    searched = "given_name" in request.GET or "family_name" in request.GET
    form = FindPersonForm(request.GET if searched else None, user=request.user)
    candidates, token = [], ""
    if searched and form.is_valid():
        data = form.cleaned_data
        candidates = find_candidates(
            viewer=request.user,
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            school=data["school"],
        )
        token = _search_token(request.user, data)
    return render(
        request,
        "people/find.html",
        {
            "form": form,
            "searched": searched and form.is_valid(),
            "candidates": candidates,
            "token": token,
            "next": _next_url(request),
            "may_create": may(request.user, "people.create_person"),
            "sees_everyone": request.user.has_role(*WHOLE_PARTNERSHIP_ROLES),
        },
    )


@permission("people.create_person")
def new(request):
    """Add a person nobody has a record of: only after a search that did not find them."""
    next_url = _next_url(request)
    token = request.POST.get("search") or request.GET.get("search") or ""
    search = _searched(request, token)
    if search is None:
        names = request.GET.get("given_name") or request.GET.get("family_name")
        messages.info(
            request,
            "Check these results before you add a new person"
            if names
            else "Search for the person first, to check they are not already known",
        )
        return redirect(
            _find_url(
                given_name=request.GET.get("given_name", ""),
                family_name=request.GET.get("family_name", ""),
                next_url=next_url,
            )
        )
    form = NewPersonForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={k: search[k] for k in ("given_name", "family_name", "date_of_birth", "school")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _same_names(search, data):
            messages.info(
                request,
                f"You changed the name: search for {data['given_name']} {data['family_name']} "
                "to check they are not already known",
            )
            return redirect(
                _find_url(
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    school=data["school"],
                    next_url=next_url,
                )
            )
        try:
            person = services.person_create(by=request.user, **data)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, f"{person} added")
            return redirect(next_url or reverse("people:detail", args=[person.pk]))
    return render(
        request,
        "people/new.html",
        {
            "form": form,
            "token": token,
            "next": next_url,
            "search": search,
            "back": _find_url(
                given_name=search["given_name"],
                family_name=search["family_name"],
                date_of_birth=date.fromisoformat(search["date_of_birth"])
                if search["date_of_birth"]
                else None,
                school=search["school"],
                next_url=next_url,
            ),
        },
    )


@permission("people.view_person")
def detail(request, pk):
    person = (
        Person.objects.select_related("school")
        .prefetch_related("other_names", "addresses", "identifiers")
        .filter(pk=pk, partnership_id=request.user.partnership_id)
        .first()
    )
    if person is None:
        raise Http404
    ensure(request.user, "people.view_person", person)
    record_view(viewer=request.user, obj=person)
    sections = record_sections_for(person=person, viewer=request.user)
    return render(request, "people/detail.html", {"person": person, "sections": sections})
