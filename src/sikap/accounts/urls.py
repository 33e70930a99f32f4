from django.urls import path

from sikap.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("peran/", views.roles, name="roles"),
    path("peran/pengguna/baru/", views.user_create, name="user_create"),
    path("peran/pengguna/<int:user_id>/", views.user_detail, name="user_detail"),
    path("peran/<int:assignment_id>/cabut/", views.role_revoke_view, name="role_revoke"),
    path("audit/", views.audit_log, name="audit"),
]
