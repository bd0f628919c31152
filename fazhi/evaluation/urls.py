from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("campaigns/new/", views.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/do/<slug:action>/", views.campaign_action, name="campaign-action"),
    path("files/", views.evaluation_list, name="evaluation-list"),
    path("files/mine/", views.my_evaluations, name="my-evaluations"),
    path("files/<int:pk>/", views.evaluation_detail, name="evaluation-detail"),
    path("files/<int:pk>/do/<slug:action>/", views.evaluation_action, name="evaluation-action"),
    path("rubrics/", views.rubric_list, name="rubric-list"),
    path("rubrics/new/", views.rubric_new, name="rubric-new"),
    path("rubrics/<int:pk>/", views.rubric_detail, name="rubric-detail"),
]
