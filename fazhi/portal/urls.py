from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/heads/", views.audit_heads, name="audit-heads"),
    path("normdocs/", include("fazhi.portal.normdocs_urls")),
    path("enforcement/", include("fazhi.portal.enforcement_urls")),
    path("inspections/", include("fazhi.inspections.portal_urls")),
]
