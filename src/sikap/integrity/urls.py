from django.urls import path

from sikap.integrity.views import assessments, counts, lke, official, review

app_name = "integrity"

urlpatterns = [
    path("", assessments.index, name="index"),
    path("mulai/", assessments.start, name="start"),
    path("pemda/", official.overview, name="overview"),
    path("pemda/syarat/", official.gates, name="gates"),
    path("<str:kind>/<int:year>/<str:unit>/", assessments.workspace, name="workspace"),
    path("<str:kind>/<int:year>/<str:unit>/jawab/", assessments.answer, name="answer"),
    path("<str:kind>/<int:year>/<str:unit>/jumlah/", counts.counts, name="counts"),
    path(
        "<str:kind>/<int:year>/<str:unit>/jumlah-tpi/",
        counts.review_counts,
        name="review_counts",
    ),
    path("<str:kind>/<int:year>/<str:unit>/pengaturan/", assessments.settings_set, name="settings"),
    path("<str:kind>/<int:year>/<str:unit>/pic/", assessments.pic, name="pic"),
    path("<str:kind>/<int:year>/<str:unit>/hasil/", assessments.hasil, name="hasil"),
    path(
        "<str:kind>/<int:year>/<str:unit>/hasil/sikap/", assessments.hasil_sikap, name="hasil_sikap"
    ),
    path("<str:kind>/<int:year>/<str:unit>/eviden/", assessments.attach, name="attach"),
    path(
        "<str:kind>/<int:year>/<str:unit>/eviden/kinerja/",
        assessments.sikap_evidence,
        name="sikap_evidence",
    ),
    path("<str:kind>/<int:year>/<str:unit>/eviden/lepas/", assessments.detach, name="detach"),
    path("<str:kind>/<int:year>/<str:unit>/tim/", assessments.team_add, name="team_add"),
    path(
        "<str:kind>/<int:year>/<str:unit>/tim/hapus/", assessments.team_remove, name="team_remove"
    ),
    path("<str:kind>/<int:year>/<str:unit>/ajukan/", assessments.submit, name="submit"),
    path("<str:kind>/<int:year>/<str:unit>/reviu/", review.review, name="review"),
    path(
        "<str:kind>/<int:year>/<str:unit>/reviu/selesai/",
        review.review_finish,
        name="review_finish",
    ),
    path(
        "<str:kind>/<int:year>/<str:unit>/reviu/kembalikan/",
        review.review_return,
        name="review_return",
    ),
    path("<str:kind>/<int:year>/<str:unit>/tanggapan/", review.reply, name="reply"),
    path("<str:kind>/<int:year>/<str:unit>/impor/", lke.lke_import, name="import"),
    path("<str:kind>/<int:year>/<str:unit>/lke.xlsx", lke.lke_export, name="export"),
    path("<str:kind>/<int:year>/<str:unit>/usulan/", official.propose, name="propose"),
    path("<str:kind>/<int:year>/<str:unit>/usulan.pdf", official.proposal_pdf, name="proposal_pdf"),
    path("<str:kind>/<int:year>/<str:unit>/tpn/", official.tpn, name="tpn"),
    path("<str:kind>/<int:year>/<str:unit>/tpn/butir/", official.tpn_score, name="tpn_score"),
]
