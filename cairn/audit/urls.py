from django.urls import path

from cairn.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("record/<str:object_type>/<str:object_id>/", views.record, name="record"),
    path("user/<int:pk>/", views.user, name="user"),
]
