from django.urls import path

from sikap.org import views

app_name = "org"

urlpatterns = [
    path("", views.unit_tree, name="unit_tree"),
    path("unit/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:unit_id>/anak/", views.unit_children, name="unit_children"),
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/<int:employee_id>/", views.employee_detail, name="employee_detail"),
    path("kualitas-data/", views.data_quality, name="data_quality"),
    path("ringkasan/", views.home_summary, name="home_summary"),
]
