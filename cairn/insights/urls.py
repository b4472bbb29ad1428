from django.urls import path

from cairn.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("networks/", views.networks, name="networks"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/figures.csv", views.dashboard_csv, name="dashboard_csv"),
]
