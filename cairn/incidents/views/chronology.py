"""A child's chronology page (printable)."""

from django.http import Http404
from django.shortcuts import render

from cairn.accounts.permissions import permission
from cairn.audit.services import record_view
from cairn.incidents.selectors import involvements_visible_to
from cairn.incidents.selectors.chronology import chronology_for
from cairn.people.models import Person


@permission("incidents.view_incident")
def chronology(request, person_pk):
    visible = involvements_visible_to(request.user).filter(person_id=person_pk)
    person = Person.objects.filter(pk=person_pk, partnership_id=request.user.partnership_id).first()
    if person is None or not visible.exists():
        raise Http404
    record_view(viewer=request.user, obj=person)
    entries = chronology_for(person=person, viewer=request.user)
    return render(request, "incidents/chronology.html", {"person": person, "entries": entries})
