from rest_framework.routers import SimpleRouter

from sikap.culture.api import CampaignViewSet

router = SimpleRouter()
router.register("culture/campaigns", CampaignViewSet, basename="culture-campaign")

urlpatterns = router.urls
