from django.urls import path

from sikap.performance.views import agreements, skp

app_name = "performance"

urlpatterns = [
    path("", agreements.index, name="index"),
    path("pohon/", agreements.tree, name="tree"),
    path("tahun/", agreements.planning_year_set, name="planning_year_set"),
    path("pk/baru/", agreements.agreement_create, name="agreement_create"),
    path("pk/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("pk/<int:pk>/ubah/", agreements.agreement_edit, name="agreement_edit"),
    path("pk/<int:pk>/pk.pdf", agreements.agreement_pdf, name="agreement_pdf"),
    path("pk/<int:pk>/lkjip.pdf", agreements.lkjip_pdf, name="lkjip_pdf"),
    path("pk/<int:pk>/lkjip.docx", agreements.lkjip_docx, name="lkjip_docx"),
    path("pk/<int:pk>/sasaran/", agreements.sasaran_create, name="sasaran_create"),
    path("pk/<int:pk>/tanda-tangan/", agreements.agreement_sign, name="agreement_sign"),
    path("pk/<int:pk>/revisi/", agreements.agreement_revise, name="agreement_revise"),
    path("sasaran/<int:pk>/indikator/", agreements.indicator_create, name="indicator_create"),
    path("indikator/<int:pk>/ubah/", agreements.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/realisasi/", agreements.realisation_record, name="realisation_record"),
    path("skp/", skp.skp_list, name="skp_list"),
    path("skp/baru/", skp.skp_create, name="skp_create"),
    path("skp/ekspor.csv", skp.export, name="skp_export"),
    path("skp/ekspor.xlsx", skp.export_xlsx, name="skp_export_xlsx"),
    path("skp/<int:pk>/", skp.skp_detail, name="skp"),
    path("skp/<int:pk>/skp.pdf", skp.skp_pdf, name="skp_pdf"),
    path("skp/<int:pk>/hasil-kerja/", skp.skp_result_add, name="skp_result_add"),
    path("skp/<int:pk>/ekspektasi/", skp.skp_expectation_set, name="skp_expectation_set"),
    path("skp/<int:pk>/lampiran/", skp.skp_annex_set, name="skp_annex_set"),
    path("skp/<int:pk>/sepakati/", skp.skp_agree, name="skp_agree"),
    path("skp/<int:pk>/periodik/", skp.skp_checkin, name="skp_checkin"),
    path("skp/<int:pk>/perilaku/", skp.skp_behaviour_rate, name="skp_behaviour_rate"),
    path("skp/<int:pk>/nilai/", skp.skp_rate, name="skp_rate"),
    path("hasil-kerja/<int:pk>/nilai/", skp.skp_result_assess, name="skp_result_assess"),
    path("kalibrasi/<str:code>/", skp.calibration, name="calibration"),
    path("kalibrasi/<str:code>/predikat/", skp.org_predicate_set, name="org_predicate_set"),
    path("nilai-dasar/<str:code>/", skp.values, name="values"),
]
