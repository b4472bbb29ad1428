from django.urls import path

from cairn.incidents import views

app_name = "incidents"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
