"""The REST API: each app contributes its router under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("sikap.org.api_urls")),
    path("", include("sikap.culture.api_urls")),
    path("", include("sikap.publicservice.api_urls")),
    path("", include("sikap.performance.api_urls")),
]
