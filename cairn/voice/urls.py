from django.urls import path

from cairn.voice import views

app_name = "voice"

urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("new/", views.engagement_new, name="new"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
    path("<int:pk>/edit/", views.engagement_edit, name="edit"),
    path("<int:pk>/check/", views.check_new, name="check"),
    path("<int:pk>/invitation/", views.invitation, name="invitation"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/consent/", views.consent_new, name="consent"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/said/", views.contribution_new, name="contribution_new"),
    path("<int:pk>/what-they-said/", views.words, name="words"),
    path("<int:pk>/responses/new/", views.response_new, name="response_new"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/you-said-we-did/", views.evidence_new, name="evidence_new"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/new/", views.theme_new, name="theme_new"),
    path("themes/<int:pk>/retire/", views.theme_retire, name="theme_retire"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/new/", views.feedback_new, name="feedback_new"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/acknowledge/", views.feedback_acknowledge, name="feedback_acknowledge"),
    path("feedback/<int:pk>/respond/", views.feedback_respond, name="feedback_respond"),
]
