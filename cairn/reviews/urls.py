from django.urls import path

from cairn.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_start, name="start"),
    path("new/details/", views.review_new, name="new"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    *[
        path(f"<int:pk>/{step}/", view, name=f"step_{step.replace('-', '_')}")
        for step, view in views.STEP_VIEWS.items()
    ],
    path("<int:pk>/incidents/", views.review_links, name="links"),
    path("<int:pk>/cohort/", views.review_cohort, name="cohort"),
    path("<int:pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("<int:pk>/findings/new/", views.finding_new, name="finding_new"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/new/", views.theme_new, name="theme_new"),
    path("themes/<int:pk>/retire/", views.theme_retire, name="theme_retire"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path(
        "recommendations/<int:pk>/",
        views.recommendation_detail,
        name="recommendation_detail",
    ),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:pk>/response/",
        views.recommendation_respond,
        name="recommendation_respond",
    ),
]
