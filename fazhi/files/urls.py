from django.urls import path

from . import views

app_name = "files"
urlpatterns = [
    path("", views.attachment_list, name="list"),
    path("upload/", views.attachment_upload, name="upload"),
    path("<int:pk>/", views.attachment_detail, name="detail"),
    path("<int:pk>/download", views.attachment_download, name="download"),
    path("<int:pk>/verify/", views.attachment_verify, name="verify"),
    path("<int:pk>/void/", views.attachment_void, name="void"),
]
