from django.urls import path

from sikap.culture import views, views_links, views_public

app_name = "culture"

# A campaign's pages are addressed by its code and a unit's results by the unit's code: what
# users keep (bookmarks, reports) stays valid across every recompute. Codes are slugs; the
# words used by the fixed pages below cannot be campaign codes (domain.RESERVED_CODES).
urlpatterns = [
    path("", views.index, name="index"),
    path("isi/", views_public.survey, name="survey"),
    path("terima-kasih/", views_public.survey_thanks, name="survey_thanks"),
    path("kampanye/baru/", views.campaign_new, name="campaign_new"),
    # Addresses by id, from before campaigns were addressed by code: sent on to the new ones.
    path("kampanye/<int:pk>/", views.campaign_by_id, name="campaign_by_id"),
    path("kampanye/<int:pk>/<path:rest>", views.campaign_by_id, name="campaign_by_id_rest"),
    path("rencana-aksi/", views.plans, name="plans"),
    path("rencana-aksi/baru/", views.plan_new, name="plan_new"),
    path("rencana-aksi/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<slug:code>/", views.results, name="results"),
    path("<slug:code>/kelola/", views.campaign_manage, name="campaign_manage"),
    path("<slug:code>/instrumen/", views.instrument_edit, name="instrument_edit"),
    path("<slug:code>/token/", views_links.campaign_tokens, name="campaign_tokens"),
    path(
        "<slug:code>/unit/<str:unit_code>/tautan-ulang/",
        views_links.campaign_links_reissue,
        name="campaign_links_reissue",
    ),
    path("<slug:code>/aksi/<str:action>/", views.campaign_action, name="campaign_action"),
    path("<slug:code>/excel/", views.export_xlsx, name="export_xlsx"),
    path("<slug:code>/mentah.csv", views.export_raw, name="export_raw"),
    path("<slug:code>/unit/<str:unit_code>/", views.group_detail, name="group"),
    path("<slug:code>/unit/<str:unit_code>/pdf/", views.export_pdf, name="group_pdf"),
    path(
        "<slug:code>/unit/<str:unit_code>/komentar/",
        views.group_comments,
        name="group_comments",
    ),
]
