from django.urls import path

from sikap.publicservice import views
from sikap.publicservice.assessments import evidence, library, ombudsman, pekppp
from sikap.publicservice.ipak import views as ipak
from sikap.publicservice.public import views as public

app_name = "publicservice"

urlpatterns = [
    # Public (no login)
    path("f/<slug:slug>/", public.skm_form, name="form"),
    path("f/<slug:slug>/terima-kasih/", public.skm_thanks, name="form_thanks"),
    path("kiosk/<slug:slug>/", public.skm_form, {"kiosk": True}, name="kiosk"),
    path(
        "kiosk/<slug:slug>/terima-kasih/",
        public.skm_thanks,
        {"kiosk": True},
        name="kiosk_thanks",
    ),
    path("ipak/<slug:slug>/", ipak.ipak_form, name="ipak_form"),
    path("ipak/<slug:slug>/terima-kasih/", ipak.ipak_thanks, name="ipak_thanks"),
    path("ipak/kiosk/<slug:slug>/", ipak.ipak_form, {"kiosk": True}, name="ipak_kiosk"),
    path(
        "ipak/kiosk/<slug:slug>/terima-kasih/",
        ipak.ipak_thanks,
        {"kiosk": True},
        name="ipak_kiosk_thanks",
    ),
    # Management (scoped)
    path("unit/<int:pk>/ipak/", ipak.ipak_results, name="ipak_results"),
    path("unit/<int:pk>/ipak/poster/", ipak.ipak_poster, name="ipak_poster"),
    path("unit/<int:pk>/ipak/qr.svg", ipak.ipak_qr, name="ipak_qr"),
    path("", views.dashboard, name="dashboard"),
    path("laporan.xlsx", views.units_excel, name="units_excel"),
    path("unit/<int:pk>/", views.unit_results, name="unit"),
    path("unit/<int:pk>/kelola/", views.unit_manage, name="unit_manage"),
    path("unit/<int:pk>/kelola/jenis-layanan/", views.product_create, name="product_create"),
    path("unit/<int:pk>/kelola/volume/", views.product_volume_set, name="product_volume_set"),
    path(
        "unit/<int:pk>/kelola/pengaturan/",
        views.unit_settings_update,
        name="unit_settings_update",
    ),
    path("unit/<int:pk>/kelola/kunci-kios/", views.kiosk_key_rotate, name="kiosk_key_rotate"),
    path("unit/<int:pk>/poster/", views.unit_poster, name="poster"),
    path("unit/<int:pk>/qr.svg", views.unit_qr, name="qr"),
    path("unit/<int:pk>/kode-kunjungan/", views.visit_codes, name="visit_codes"),
    path("unit/<int:pk>/tindak-lanjut/", views.followups, name="followups"),
    path("tindak-lanjut/<int:pk>/", views.followup_edit, name="followup_edit"),
    path(
        "tindak-lanjut/<int:pk>/pustaka/unggah/",
        library.followup_evidence_upload,
        name="followup_evidence_upload",
    ),
    path(
        "tindak-lanjut/<int:pk>/pustaka/pilih/",
        library.followup_evidence_pick,
        name="followup_evidence_pick",
    ),
    path(
        "tindak-lanjut/<int:pk>/pustaka/lepas/",
        library.followup_evidence_detach,
        name="followup_evidence_detach",
    ),
    path("unit/<int:pk>/publikasi/", views.publication_add, name="publication_add"),
    path("bukti/<slug:kind>/<int:pk>/", evidence.evidence_download, name="evidence"),
    path("unit/<int:pk>/laporan.xlsx", views.unit_excel, name="excel"),
    path("unit/<int:pk>/laporan.pdf", views.unit_pdf, name="pdf"),
    path("org/<int:pk>/", views.org_results, name="org"),
    path("aktifkan/", views.activate_unit, name="activate"),
    path("ombudsman/", ombudsman.ombudsman_pemda, name="ombudsman_pemda"),
    path("ombudsman/hasil/", ombudsman.ombudsman_result_record, name="ombudsman_record"),
    path(
        "ombudsman/hasil/<int:pk>/temuan/",
        ombudsman.ombudsman_finding_add,
        name="ombudsman_finding_add",
    ),
    path(
        "ombudsman/temuan/<int:pk>/",
        ombudsman.ombudsman_finding_update,
        name="ombudsman_finding_update",
    ),
    path("unit/<int:pk>/ombudsman/", ombudsman.ombudsman_unit, name="ombudsman_unit"),
    path(
        "unit/<int:pk>/ombudsman/indikator/",
        ombudsman.ombudsman_item_set,
        name="ombudsman_item_set",
    ),
    path(
        "unit/<int:pk>/ombudsman/pengaduan/",
        ombudsman.ombudsman_complaints_set,
        name="ombudsman_complaints_set",
    ),
    path(
        "unit/<int:pk>/ombudsman/pustaka/unggah/",
        library.evidence_upload,
        {"scheme": "ombudsman"},
        name="ombudsman_evidence_upload",
    ),
    path(
        "unit/<int:pk>/ombudsman/pustaka/pilih/",
        library.evidence_pick,
        {"scheme": "ombudsman"},
        name="ombudsman_evidence_pick",
    ),
    path(
        "unit/<int:pk>/ombudsman/pustaka/lepas/",
        library.evidence_detach,
        {"scheme": "ombudsman"},
        name="ombudsman_evidence_detach",
    ),
    path(
        "unit/<int:pk>/pekppp/pustaka/unggah/",
        library.evidence_upload,
        {"scheme": "pekppp"},
        name="pekppp_evidence_upload",
    ),
    path(
        "unit/<int:pk>/pekppp/pustaka/pilih/",
        library.evidence_pick,
        {"scheme": "pekppp"},
        name="pekppp_evidence_pick",
    ),
    path(
        "unit/<int:pk>/pekppp/pustaka/lepas/",
        library.evidence_detach,
        {"scheme": "pekppp"},
        name="pekppp_evidence_detach",
    ),
    path("pekppp/", pekppp.pekppp_list, name="pekppp_list"),
    path("unit/<int:pk>/pekppp/", pekppp.pekppp_unit, name="pekppp_unit"),
    path("unit/<int:pk>/pekppp/mulai/", pekppp.pekppp_start, name="pekppp_start"),
    path("unit/<int:pk>/pekppp/nilai/", pekppp.pekppp_score_set, name="pekppp_score_set"),
    path("unit/<int:pk>/pekppp/simpan/", pekppp.pekppp_page_save, name="pekppp_page_save"),
    path("unit/<int:pk>/pekppp/telaah/", pekppp.pekppp_review, name="pekppp_review"),
    path(
        "unit/<int:pk>/pekppp/hasil-resmi/",
        pekppp.pekppp_official_record,
        name="pekppp_official_record",
    ),
]
