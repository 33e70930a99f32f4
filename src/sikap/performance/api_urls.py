from rest_framework.routers import SimpleRouter

from sikap.performance.api import AgreementViewSet, SkpViewSet

router = SimpleRouter()
router.register("kinerja/pk", AgreementViewSet, basename="kinerja-pk")
router.register("kinerja/skp", SkpViewSet, basename="kinerja-skp")

urlpatterns = router.urls
