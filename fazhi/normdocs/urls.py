from django.urls import path

from fazhi.normdocs.views import documents, edit, filings, other

app_name = "normdocs"
urlpatterns = [
    path("", documents.document_list, name="document-list"),
    path("new/", documents.document_new, name="document-new"),
    path("<int:pk>/", documents.document_detail, name="document-detail"),
    path("<int:pk>/edit/", edit.document_edit, name="document-edit"),
    path("<int:pk>/step/<slug:step>/", documents.document_step, name="document-step"),
    path("<int:pk>/diff/", documents.document_diff, name="document-diff"),
    path("filings/", filings.filing_dashboard, name="filing-dashboard"),
    path("filings/<int:pk>/<slug:action>/", filings.filing_action, name="filing-action"),
    path("suggestions/", other.suggestion_list, name="suggestion-list"),
    path("suggestions/<int:pk>/", other.suggestion_detail, name="suggestion-detail"),
    path("cleanup/", other.campaign_list, name="campaign-list"),
    path("cleanup/<int:pk>/", other.campaign_detail, name="campaign-detail"),
    path("statistics/", other.statistics, name="statistics"),
    path("import/", other.catalogue_import_view, name="import"),
]
