from django.urls import path

from cairn.incidents.views import incidents as views

app_name = "incidents"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
