from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from sikap.accounts import views
from sikap.accounts.forms import PasswordResetRequestForm, PasswordSetForm

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path(
        "sandi/lupa/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetRequestForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=PasswordSetForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("pemda/", views.pemda_choose, name="pemda_choose"),
    path("peran/", views.roles, name="roles"),
    path("peran/pengguna/baru/", views.user_create, name="user_create"),
    path("peran/pengguna/<int:user_id>/", views.user_detail, name="user_detail"),
    path("peran/<int:assignment_id>/cabut/", views.role_revoke_view, name="role_revoke"),
    path("audit/", views.audit_log, name="audit"),
]
