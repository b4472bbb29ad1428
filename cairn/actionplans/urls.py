from django.urls import path

from cairn.actionplans import views

app_name = "actionplans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/agree/", views.plan_agree, name="agree"),
    path("<int:pk>/monitoring/", views.plan_monitoring, name="monitoring"),
    path("<int:pk>/close/", views.plan_close, name="close"),
    path("<int:pk>/workstreams/new/", views.workstream_new, name="workstream_new"),
    path("<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("actions/<int:pk>/evidence/", views.action_evidence, name="action_evidence"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
    path("actions/<int:pk>/propose-closure/", views.action_propose, name="action_propose"),
    path("actions/<int:pk>/withdraw/", views.action_withdraw, name="action_withdraw"),
]

# --- Meeting packs and agenda proposals (cairn/actionplans/views_packs.py) ---
from cairn.actionplans import views_packs  # noqa: E402

urlpatterns += [
    path("meetings/<int:pk>/pack/", views_packs.meeting_pack, name="meeting_pack"),
    path(
        "meetings/<int:pk>/propose-agenda/",
        views_packs.agenda_propose_view,
        name="agenda_propose",
    ),
]
