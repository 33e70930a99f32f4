"""A URLconf with one failing view, to see a real 500 through SIKAP's handlers."""

from django.urls import path

from sikap.urls import urlpatterns as sikap_patterns


def boom(request, token):  # type: ignore[no-untyped-def]
    raise RuntimeError("kaput")


urlpatterns = [path("boom/<str:token>/", boom), *sikap_patterns]
handler500 = "sikap.core.views.server_error"
handler404 = "sikap.core.views.page_not_found"
