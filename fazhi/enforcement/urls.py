from django.urls import path

from .views import cases, exchange, registers

app_name = "enforcement"
urlpatterns = [
    path("cases/", cases.case_list, name="case-list"),
    path("cases/new/", cases.case_new, name="case-new"),
    path("cases/<int:pk>/", cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/do/<slug:action>/", cases.case_action, name="case-action"),
    path("publicity/", cases.publicity_queue, name="publicity-queue"),
    path("reviews/", cases.review_queue, name="review-queue"),
    path("import/", exchange.case_import, name="case-import"),
    path("import/template/", exchange.import_template, name="import-template"),
    path("subjects/", registers.subject_list, name="subject-list"),
    path("officers/", registers.officer_list, name="officer-list"),
    path("officers/<int:pk>/", registers.officer_detail, name="officer-detail"),
    path("powers/", registers.power_list, name="power-list"),
    path("powers/<int:pk>/", registers.power_detail, name="power-detail"),
    path("benchmarks/", registers.benchmark_list, name="benchmark-list"),
    path("benchmarks/<int:pk>/", registers.benchmark_detail, name="benchmark-detail"),
]
