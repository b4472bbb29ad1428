from django.urls import path

from cairn.guidance import views, views_case, views_thematic

app_name = "guidance"

urlpatterns = [
    path("", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/", views.rule_detail, name="rule_detail"),
    path("incidents/<int:pk>/audit/", views_case.incident_audit, name="incident_audit"),
    path("audits/", views_thematic.audit_list, name="audit_list"),
    path("audits/new/", views_thematic.audit_new, name="audit_new"),
    path("audits/<int:pk>/", views_thematic.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/progress/", views_thematic.audit_progress, name="audit_progress"),
    path("audits/<int:pk>/cases/<int:case_pk>/", views_thematic.case_detail, name="case_detail"),
    path("audits/<int:pk>/report/", views_thematic.report, name="report"),
    path("audits/<int:pk>/report/cases/", views_thematic.report_cases, name="report_cases"),
    path("audits/<int:pk>/report/drafts/", views_thematic.report_drafts, name="report_drafts"),
    path("audits/<int:pk>/report.pdf", views_thematic.report_download_pdf, name="report_pdf"),
    path("audits/<int:pk>/report.csv", views_thematic.report_download_csv, name="report_csv"),
]
