from django.urls import path

from sikap.performance import views, views_skp

app_name = "performance"

urlpatterns = [
    path("", views.index, name="index"),
    path("pohon/", views.tree, name="tree"),
    path("tahun/", views.planning_year_set, name="planning_year_set"),
    path("pk/baru/", views.agreement_create, name="agreement_create"),
    path("pk/<int:pk>/", views.agreement_detail, name="agreement"),
    path("pk/<int:pk>/pk.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("pk/<int:pk>/lkjip.pdf", views.lkjip_pdf, name="lkjip_pdf"),
    path("pk/<int:pk>/sasaran/", views.sasaran_create, name="sasaran_create"),
    path("pk/<int:pk>/tanda-tangan/", views.agreement_sign, name="agreement_sign"),
    path("pk/<int:pk>/revisi/", views.agreement_revise, name="agreement_revise"),
    path("sasaran/<int:pk>/indikator/", views.indicator_create, name="indicator_create"),
    path("indikator/<int:pk>/realisasi/", views.realisation_record, name="realisation_record"),
    path("skp/", views_skp.skp_list, name="skp_list"),
    path("skp/baru/", views_skp.skp_create, name="skp_create"),
    path("skp/ekspor.csv", views_skp.export, name="skp_export"),
    path("skp/ekspor.xlsx", views_skp.export_xlsx, name="skp_export_xlsx"),
    path("skp/<int:pk>/", views_skp.skp_detail, name="skp"),
    path("skp/<int:pk>/skp.pdf", views_skp.skp_pdf, name="skp_pdf"),
    path("skp/<int:pk>/hasil-kerja/", views_skp.skp_result_add, name="skp_result_add"),
    path("skp/<int:pk>/ekspektasi/", views_skp.skp_expectation_set, name="skp_expectation_set"),
    path("skp/<int:pk>/sepakati/", views_skp.skp_agree, name="skp_agree"),
    path("skp/<int:pk>/periodik/", views_skp.skp_checkin, name="skp_checkin"),
    path("skp/<int:pk>/perilaku/", views_skp.skp_behaviour_rate, name="skp_behaviour_rate"),
    path("skp/<int:pk>/nilai/", views_skp.skp_rate, name="skp_rate"),
    path("hasil-kerja/<int:pk>/nilai/", views_skp.skp_result_assess, name="skp_result_assess"),
    path("kalibrasi/<str:code>/", views_skp.calibration, name="calibration"),
    path("kalibrasi/<str:code>/predikat/", views_skp.org_predicate_set, name="org_predicate_set"),
    path("nilai-dasar/<str:code>/", views_skp.values, name="values"),
]
