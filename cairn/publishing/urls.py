from django.urls import path

from cairn.publishing import views, views_media

app_name = "publishing"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("new/", views.publication_new, name="new"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/settings/", views.publication_settings, name="settings"),
    path("<int:pk>/amend/", views.publication_amend, name="amend"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version_edit"),
    path("versions/<int:pk>/submit/", views.version_submit, name="version_submit"),
    path("versions/<int:pk>/redaction-check/", views.gate, name="gate"),
    path("versions/<int:pk>/redaction-check/again/", views.gate_rescan, name="gate_rescan"),
    path("hits/<int:pk>/justify/", views.hit_justify, name="hit_justify"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version_approve"),
    path("versions/<int:pk>/return/", views.version_return, name="version_return"),
    path("versions/<int:pk>/advance-copies/new/", views.advance_copy_new, name="advance_copy_new"),
    path("media/", views_media.enquiry_list, name="enquiry_list"),
    path("media/new/", views_media.enquiry_new, name="enquiry_new"),
    path("media/<int:pk>/", views_media.enquiry_detail, name="enquiry_detail"),
    path("media/<int:pk>/edit/", views_media.enquiry_edit, name="enquiry_edit"),
    path("media/<int:pk>/response/", views_media.enquiry_respond, name="enquiry_respond"),
]
