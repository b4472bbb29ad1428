from django.urls import path

from cairn.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("new/", views.body_new, name="body_new"),
    path("<int:pk>/", views.body_detail, name="body_detail"),
    path("<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("<int:pk>/members/new/", views.member_new, name="member_new"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_new, name="agenda_item_new"),
    path("agenda/<int:pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("agenda/<int:pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("<int:pk>/decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
]
