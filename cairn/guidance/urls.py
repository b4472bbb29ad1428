from django.urls import path

from cairn.guidance import views, views_case

app_name = "guidance"

urlpatterns = [
    path("", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/", views.rule_detail, name="rule_detail"),
    path("incidents/<int:pk>/audit/", views_case.incident_audit, name="incident_audit"),
]
