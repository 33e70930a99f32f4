from django.urls import path

from sikap.culture.views import campaigns, links, plans, public, results

app_name = "culture"

# A campaign's pages are addressed by its code and a unit's results by the unit's code: what
# users keep (bookmarks, reports) stays valid across every recompute. Codes are slugs; the
# words used by the fixed pages below cannot be campaign codes (domain.RESERVED_CODES).
urlpatterns = [
    path("", campaigns.index, name="index"),
    path("isi/", public.survey, name="survey"),
    path("terima-kasih/", public.survey_thanks, name="survey_thanks"),
    path("kampanye/baru/", campaigns.campaign_new, name="campaign_new"),
    # Addresses by id, from before campaigns were addressed by code: sent on to the new ones.
    path("kampanye/<int:pk>/", results.campaign_by_id, name="campaign_by_id"),
    path("kampanye/<int:pk>/<path:rest>", results.campaign_by_id, name="campaign_by_id_rest"),
    path("rencana-aksi/", plans.plans, name="plans"),
    path("rencana-aksi/baru/", plans.plan_new, name="plan_new"),
    path("rencana-aksi/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<slug:code>/", results.results, name="results"),
    path("<slug:code>/kelola/", campaigns.campaign_manage, name="campaign_manage"),
    path("<slug:code>/instrumen/", campaigns.instrument_edit, name="instrument_edit"),
    path("<slug:code>/token/", links.campaign_tokens, name="campaign_tokens"),
    path(
        "<slug:code>/unit/<str:unit_code>/tautan-ulang/",
        links.campaign_links_reissue,
        name="campaign_links_reissue",
    ),
    path("<slug:code>/aksi/<str:action>/", campaigns.campaign_action, name="campaign_action"),
    path("<slug:code>/excel/", results.export_xlsx, name="export_xlsx"),
    path("<slug:code>/mentah.csv", results.export_raw, name="export_raw"),
    path("<slug:code>/unit/<str:unit_code>/", results.group_detail, name="group"),
    path("<slug:code>/unit/<str:unit_code>/pdf/", results.export_pdf, name="group_pdf"),
    path(
        "<slug:code>/unit/<str:unit_code>/komentar/",
        results.group_comments,
        name="group_comments",
    ),
]
