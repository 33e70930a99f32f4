from rest_framework.routers import SimpleRouter

from sikap.publicservice.api import (
    OmbudsmanResultViewSet,
    OrgResultViewSet,
    PekpppEvaluationViewSet,
    ServiceUnitViewSet,
)

router = SimpleRouter()
router.register("layanan/units", ServiceUnitViewSet, basename="layanan-unit")
router.register("layanan/org-results", OrgResultViewSet, basename="layanan-org-result")
router.register("layanan/ombudsman", OmbudsmanResultViewSet, basename="layanan-ombudsman")
router.register("layanan/pekppp", PekpppEvaluationViewSet, basename="layanan-pekppp")

urlpatterns = router.urls
