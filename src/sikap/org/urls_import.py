from django.urls import path

from sikap.org import views_import

app_name = "org_import"

urlpatterns = [
    path("", views_import.upload, name="upload"),
    path("<int:pk>/", views_import.progress, name="progress"),
    path("<int:pk>/status/", views_import.status, name="status"),
    path("templat/<str:what>.<str:fmt>", views_import.template, name="template"),
]
