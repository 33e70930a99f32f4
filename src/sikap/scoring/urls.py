from django.urls import path

from sikap.scoring import views

app_name = "scoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("hitung/<slug:kind>/", views.calculate, name="calculate"),
]
