from django.urls import path

from cairn.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/two-factor/", views.two_factor, name="two_factor"),
    path("sign-in/two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("admin/", views.admin_home, name="admin_home"),
    path("admin/partnership/", views.partnership_edit, name="partnership_edit"),
    path("admin/agencies/", views.agency_list, name="agency_list"),
    path("admin/agencies/new/", views.agency_form, name="agency_create"),
    path("admin/agencies/<int:pk>/", views.agency_form, name="agency_edit"),
    path("admin/users/", views.user_list, name="user_list"),
    path("admin/users/new/", views.user_form, name="user_create"),
    path("admin/users/<int:pk>/", views.user_detail, name="user_detail"),
    path("admin/users/<int:pk>/edit/", views.user_form, name="user_edit"),
    path("admin/users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path(
        "admin/users/<int:pk>/two-factor/reset/",
        views.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
]
