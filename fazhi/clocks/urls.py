from django.urls import path

from . import views

app_name = "clocks"
urlpatterns = [
    path("", views.clock_list, name="list"),
    path("<int:pk>/", views.clock_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.clock_action, name="action"),
    path("calculator/", views.calculator, name="calculator"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/import/", views.calendar_import, name="calendar-import"),
    path("calendar/<str:day>/", views.calendar_day, name="calendar-day"),
]
