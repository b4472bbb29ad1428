"""Finding a person and seeing their record (every view of a record is logged)."""

from django.http import Http404
from django.shortcuts import render

from cairn.accounts.permissions import ensure, permission
from cairn.audit.services import record_view
from cairn.people import selectors
from cairn.people.models import Person


@permission("people.search_people")
def search(request):
    query = request.GET.get("q", "").strip()
    results = selectors.search_people(request.user, query) if query else []
    return render(request, "people/search.html", {"q": query, "results": results})


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
    return render(request, "people/detail.html", {"person": person})
