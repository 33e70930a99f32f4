from django.urls import path

from sikap.publicservice import views, views_assess, views_public

app_name = "publicservice"

urlpatterns = [
    # Public (no login)
    path("f/<slug:slug>/", views_public.skm_form, name="form"),
    path("f/<slug:slug>/terima-kasih/", views_public.skm_thanks, name="form_thanks"),
    path("kiosk/<slug:slug>/", views_public.skm_form, {"kiosk": True}, name="kiosk"),
    path(
        "kiosk/<slug:slug>/terima-kasih/",
        views_public.skm_thanks,
        {"kiosk": True},
        name="kiosk_thanks",
    ),
    # Management (scoped)
    path("", views.dashboard, name="dashboard"),
    path("laporan.xlsx", views.units_excel, name="units_excel"),
    path("unit/<int:pk>/", views.unit_results, name="unit"),
    path("unit/<int:pk>/kelola/", views.unit_manage, name="unit_manage"),
    path("unit/<int:pk>/poster/", views.unit_poster, name="poster"),
    path("unit/<int:pk>/qr.svg", views.unit_qr, name="qr"),
    path("unit/<int:pk>/kode-kunjungan/", views.visit_codes, name="visit_codes"),
    path("unit/<int:pk>/tindak-lanjut/", views.followups, name="followups"),
    path("tindak-lanjut/<int:pk>/", views.followup_edit, name="followup_edit"),
    path("unit/<int:pk>/publikasi/", views.publication_add, name="publication_add"),
    path("unit/<int:pk>/laporan.xlsx", views.unit_excel, name="excel"),
    path("unit/<int:pk>/laporan.pdf", views.unit_pdf, name="pdf"),
    path("org/<int:pk>/", views.org_results, name="org"),
    path("aktifkan/", views.activate_unit, name="activate"),
    path("ombudsman/", views_assess.ombudsman_pemda, name="ombudsman_pemda"),
    path("ombudsman/hasil/", views_assess.ombudsman_result_record, name="ombudsman_record"),
    path(
        "ombudsman/hasil/<int:pk>/temuan/",
        views_assess.ombudsman_finding_add,
        name="ombudsman_finding_add",
    ),
    path(
        "ombudsman/temuan/<int:pk>/",
        views_assess.ombudsman_finding_update,
        name="ombudsman_finding_update",
    ),
    path("unit/<int:pk>/ombudsman/", views_assess.ombudsman_unit, name="ombudsman_unit"),
    path("pekppp/", views_assess.pekppp_list, name="pekppp_list"),
    path("unit/<int:pk>/pekppp/", views_assess.pekppp_unit, name="pekppp_unit"),
]
