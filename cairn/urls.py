from django.urls import include, path

urlpatterns = [
    path("", include("cairn.core.urls")),
    path("", include("cairn.accounts.urls")),
    path("audit/", include("cairn.audit.urls")),
    path("people/", include("cairn.people.urls")),
    path("incidents/", include("cairn.incidents.urls")),
    path("governance/", include("cairn.governance.urls")),
    path("guidance/", include("cairn.guidance.urls")),
    path("reviews/", include("cairn.reviews.urls")),
    path("plans/", include("cairn.actionplans.urls")),
    path("publications/", include("cairn.publishing.urls")),
    path("public/", include("cairn.publishing.public_urls")),
    path("listening/", include("cairn.voice.urls")),
    path("learning/", include("cairn.learning.urls")),
    path("insights/", include("cairn.insights.urls")),
]

handler403 = "cairn.core.views.permission_denied"
handler404 = "cairn.core.views.page_not_found"
handler500 = "cairn.core.views.server_error"
