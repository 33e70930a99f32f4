from rest_framework.routers import SimpleRouter

from sikap.org.api import EmployeeViewSet, UnitViewSet

router = SimpleRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("employees", EmployeeViewSet, basename="employee")

urlpatterns = router.urls
