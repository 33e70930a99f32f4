from django.urls import path

from sikap.culture import views, views_links, views_public

app_name = "culture"

urlpatterns = [
    path("", views.index, name="index"),
    path("isi/", views_public.survey, name="survey"),
    path("terima-kasih/", views_public.survey_thanks, name="survey_thanks"),
    path("kampanye/baru/", views.campaign_new, name="campaign_new"),
    path("kampanye/<int:pk>/kelola/", views.campaign_manage, name="campaign_manage"),
    path("kampanye/<int:pk>/instrumen/", views.instrument_edit, name="instrument_edit"),
    path("kampanye/<int:pk>/token/", views_links.campaign_tokens, name="campaign_tokens"),
    path(
        "kampanye/<int:pk>/unit/<int:unit_pk>/tautan-ulang/",
        views_links.campaign_links_reissue,
        name="campaign_links_reissue",
    ),
    path("kampanye/<int:pk>/aksi/<str:action>/", views.campaign_action, name="campaign_action"),
    path("kampanye/<int:pk>/", views.results, name="results"),
    path("kampanye/<int:pk>/excel/", views.export_xlsx, name="export_xlsx"),
    path("kampanye/<int:pk>/mentah.csv", views.export_raw, name="export_raw"),
    path("kampanye/<int:pk>/unit/<int:group_pk>/", views.group_detail, name="group"),
    path("kampanye/<int:pk>/unit/<int:group_pk>/pdf/", views.export_pdf, name="group_pdf"),
    path(
        "kampanye/<int:pk>/unit/<int:group_pk>/komentar/",
        views.group_comments,
        name="group_comments",
    ),
    path("rencana-aksi/", views.plans, name="plans"),
    path("rencana-aksi/baru/", views.plan_new, name="plan_new"),
    path("rencana-aksi/<int:pk>/", views.plan_detail, name="plan_detail"),
]
