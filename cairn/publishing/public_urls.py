from django.urls import path

from cairn.publishing import views_public

app_name = "public"

urlpatterns = [
    path("", views_public.public_list, name="list"),
    path("feed.atom", views_public.public_feed, name="feed"),
    path("<slug:slug>/", views_public.public_detail, name="detail"),
    path("<slug:slug>/versions/<int:number>/", views_public.public_version, name="version"),
]
