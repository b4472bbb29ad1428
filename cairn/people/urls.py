from django.urls import path

from cairn.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("find/", views.find, name="find"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
]
