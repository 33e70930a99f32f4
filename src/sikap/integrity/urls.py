from django.urls import path

from sikap.integrity.views import assessments, library, official

app_name = "integrity"

urlpatterns = [
    path("", assessments.index, name="index"),
    path("mulai/", assessments.start, name="start"),
    path("pemda/", official.overview, name="overview"),
    path("pemda/syarat/", official.gates, name="gates"),
    path("<int:pk>/", assessments.workspace, name="workspace"),
    path("<int:pk>/jawab/", assessments.answer, name="answer"),
    path("<int:pk>/pic/", assessments.pic, name="pic"),
    path("<int:pk>/hasil/", assessments.hasil, name="hasil"),
    path("<int:pk>/eviden/", assessments.attach, name="attach"),
    path("<int:pk>/eviden/lepas/", assessments.detach, name="detach"),
    path("<int:pk>/tim/", assessments.team_add, name="team_add"),
    path("<int:pk>/ajukan/", assessments.submit, name="submit"),
    path("<int:pk>/reviu/", assessments.review, name="review"),
    path("<int:pk>/reviu/selesai/", assessments.review_finish, name="review_finish"),
    path("<int:pk>/tanggapan/", assessments.reply, name="reply"),
    path("<int:pk>/impor/", assessments.lke_import, name="import"),
    path("<int:pk>/lke.xlsx", assessments.lke_export, name="export"),
    path("<int:pk>/usulan/", official.propose, name="propose"),
    path("<int:pk>/usulan.pdf", official.proposal_pdf, name="proposal_pdf"),
    path("<int:pk>/tpn/", official.tpn, name="tpn"),
    path("pustaka/", library.library, name="library"),
    path("pustaka/unggah/", library.upload, name="upload"),
    path("pustaka/tautan/", library.link, name="link"),
    path("pustaka/<int:pk>/", library.document, name="document"),
    path("pustaka/<int:pk>/ganti/", library.replace, name="replace"),
    path("pustaka/<int:pk>/hapus/", library.remove, name="remove"),
    path("pustaka/<int:pk>/v<int:number>/", library.download, name="download"),
]
