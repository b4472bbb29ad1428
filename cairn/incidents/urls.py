from django.urls import path

from cairn.incidents.views import chronology, mash, recording
from cairn.incidents.views import incidents as views

app_name = "incidents"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("new/", recording.details, name="new"),
    path("new/children/", recording.children, name="new_children"),
    path("new/children/add/", recording.child_add, name="new_child_add"),
    path("new/children/remove/", recording.child_remove, name="new_child_remove"),
    path("new/check/", recording.check, name="new_check"),
    path("children/<int:person_pk>/chronology/", chronology.chronology, name="chronology"),
    path("mash/", mash.queue, name="mash_queue"),
    path("involvements/<int:pk>/screening/", mash.triage, name="triage"),
    path("involvements/<int:pk>/decision/", mash.decide, name="decide"),
    path("decisions/<int:pk>/sign-off/", mash.sign_off, name="sign_off"),
]
