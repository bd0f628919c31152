from django.urls import path

from . import views

app_name = "precheck"
urlpatterns = [
    path("", views.check, name="check"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("findings/<int:pk>/accept/", views.finding_accept, name="finding-accept"),
    path("findings/<int:pk>/dismiss/", views.finding_dismiss, name="finding-dismiss"),
    path("rules/", views.rule_stats, name="rule-stats"),
]
