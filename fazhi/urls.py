"""URL map: public portal at /, staff back office under /staff/, REST API under /api/."""

from django.urls import include, path

from .api import api

staff_urlpatterns = [
    path("", include("fazhi.core.urls")),
    path("clocks/", include("fazhi.clocks.urls")),
    path("files/", include("fazhi.files.urls")),
    path("search/", include("fazhi.search.urls")),
    path("normdocs/", include("fazhi.normdocs.urls")),
    path("precheck/", include("fazhi.precheck.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("inspections/", include("fazhi.inspections.urls")),
    path("evaluation/", include("fazhi.evaluation.urls")),
    path("analytics/", include("fazhi.analytics.urls")),
]

urlpatterns = [
    path("staff/", include(staff_urlpatterns)),
    path("api/", api.urls),
    path("", include("fazhi.portal.urls")),
]

handler400 = "fazhi.core.views.errors.bad_request"
handler403 = "fazhi.core.views.errors.permission_denied"
handler404 = "fazhi.core.views.errors.not_found"
handler500 = "fazhi.core.views.errors.server_error"
