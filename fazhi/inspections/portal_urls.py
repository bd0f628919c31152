"""Public portal pages of the random-inspection module (mounted at /inspections/ on the portal)."""

from django.urls import path

from .views import portal

urlpatterns = [
    path("", portal.task_list, name="inspections-list"),
    path("<int:pk>/", portal.task_page, name="inspections-task"),
    path("<int:pk>/draw.json", portal.task_json, name="inspections-json"),
]
