from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from sikap.accounts.api import ApiDocsView

urlpatterns = [
    path("", include("sikap.home.urls")),
    path("", include("sikap.core.urls")),
    path("akun/", include("sikap.accounts.urls")),
    path("organisasi/impor/", include("sikap.org.imports.urls")),
    path("organisasi/", include("sikap.org.urls")),
    path("aturan/", include("sikap.scoring.urls")),
    path("budaya/", include("sikap.culture.urls")),
    path("layanan/", include("sikap.publicservice.urls")),
    path("kinerja/", include("sikap.performance.urls")),
    path("integritas/pustaka/", include("sikap.evidence.urls")),
    path("integritas/", include("sikap.integrity.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("sikap.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "sikap.core.views.bad_request"
handler403 = "sikap.core.views.permission_denied"
handler404 = "sikap.core.views.page_not_found"
handler500 = "sikap.core.views.server_error"
