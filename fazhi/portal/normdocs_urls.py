"""Public portal pages of the normdocs module (mounted at /normdocs/ on the portal)."""

from django.urls import path

from . import normdocs_views as views

urlpatterns = [
    path("", views.document_list, name="normdocs-list"),
    path("track/", views.suggestion_track, name="normdocs-track"),
    path("cleanup/", views.campaign_list, name="normdocs-cleanups"),
    path("cleanup/<int:pk>/", views.campaign_results, name="normdocs-cleanup"),
    path("<int:pk>/", views.document_page, name="normdocs-document"),
    path("<int:pk>/diff/", views.version_diff, name="normdocs-diff"),
    path("<int:pk>/suggest/", views.suggestion_submit, name="normdocs-suggest"),
    path("<int:pk>/download.docx", views.download_docx, name="normdocs-docx"),
    path("<int:pk>/download.pdf", views.download_pdf, name="normdocs-pdf"),
]
