"""Upload, progress and template pages of the unit and employee imports (`org_import:`)."""

from django.urls import path

from sikap.org.imports import views

app_name = "org_import"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.progress, name="progress"),
    path("<int:pk>/status/", views.status, name="status"),
    path("templat/<str:what>.<str:fmt>", views.template, name="template"),
]
