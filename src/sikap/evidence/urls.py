from django.urls import path

from sikap.evidence import views

app_name = "evidence"

# Mounted at /p/<pemda>/integritas/pustaka/, the address the library has always had.
urlpatterns = [
    path("", views.library, name="library"),
    path("unggah/", views.upload, name="upload"),
    path("tautan/", views.link, name="link"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/ganti/", views.replace, name="replace"),
    path("<int:pk>/hapus/", views.remove, name="remove"),
    path("<int:pk>/v<int:number>/", views.download, name="download"),
]
