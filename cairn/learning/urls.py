from django.urls import path

from cairn.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.my_briefings, name="my_briefings"),
    path("briefings/<int:pk>/", views.briefing_read, name="briefing"),
    path("briefings/<int:pk>/read/", views.briefing_acknowledge, name="acknowledge"),
    path("briefings/<int:pk>/follow-up/", views.briefing_follow_up, name="follow_up"),
    path("manage/", views.briefing_list, name="briefing_list"),
    path("manage/new/", views.briefing_new, name="briefing_new"),
    path("manage/<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("manage/<int:pk>/edit/", views.briefing_edit, name="briefing_edit"),
    path("manage/<int:pk>/send/", views.briefing_send, name="briefing_send"),
    path("manage/<int:pk>/correction/", views.briefing_correct, name="briefing_correct"),
    path("manage/<int:pk>/reach.csv", views.briefing_reach_csv, name="briefing_reach_csv"),
    path("library/", views.library, name="library"),
    path("library/new/", views.resource_new, name="resource_new"),
    path("library/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
]
