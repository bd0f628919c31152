from django.urls import path

from .views import cases, exchange, register_edit, registers

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
    path("subjects/new/", register_edit.subject_edit, name="subject-new"),
    path("subjects/<int:pk>/", registers.subject_detail, name="subject-detail"),
    path("subjects/<int:pk>/edit/", register_edit.subject_edit, name="subject-edit"),
    path("officers/", registers.officer_list, name="officer-list"),
    path("officers/new/", register_edit.officer_new, name="officer-new"),
    path("officers/<int:pk>/", registers.officer_detail, name="officer-detail"),
    path("officers/<int:pk>/edit/", register_edit.officer_edit, name="officer-edit"),
    path(
        "officers/<int:pk>/certificates/new/",
        register_edit.certificate_new,
        name="certificate-new",
    ),
    path(
        "officers/<int:pk>/certificates/<int:cert_pk>/revoke/",
        register_edit.certificate_revoke,
        name="certificate-revoke",
    ),
    path("officers/<int:pk>/trainings/new/", register_edit.training_new, name="training-new"),
    path("powers/", registers.power_list, name="power-list"),
    path("powers/new/", register_edit.power_new, name="power-new"),
    path("powers/<int:pk>/", registers.power_detail, name="power-detail"),
    path("benchmarks/", registers.benchmark_list, name="benchmark-list"),
    path("benchmarks/new/", register_edit.benchmark_new, name="benchmark-new"),
    path("benchmarks/<int:pk>/", registers.benchmark_detail, name="benchmark-detail"),
    path("lenient/", register_edit.lenient_list, name="lenient-list"),
    path("lenient/new/", register_edit.lenient_new, name="lenient-new"),
    path("lenient/<int:pk>/", register_edit.lenient_detail, name="lenient-detail"),
    path("lenient/<int:pk>/publish/", register_edit.lenient_publish, name="lenient-publish"),
]
