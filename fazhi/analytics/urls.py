from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.supervisor_dashboard, name="supervisor"),
    path("leader/", views.leader_dashboard, name="leader"),
    path("flags/", views.flag_list, name="flags"),
    path("cases/", views.drilldown, name="cases"),
]
