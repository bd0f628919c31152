from django.urls import path

from .views import registers, tasks

app_name = "inspections"
urlpatterns = [
    path("", tasks.task_list, name="task-list"),
    path("tasks/new/", tasks.task_new, name="task-new"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task-detail"),
    path("tasks/<int:pk>/do/<slug:action>/", tasks.task_action, name="task-action"),
    path("tasks/<int:pk>/draw.json", tasks.task_document, name="task-document"),
    path("results/<int:pk>/", tasks.result_edit, name="result-edit"),
    path("items/", registers.item_list, name="item-list"),
    path("items/new/", registers.item_new, name="item-new"),
    path("objects/", registers.object_list, name="object-list"),
    path("objects/new/", registers.object_new, name="object-new"),
    path("objects/import/", registers.object_import, name="object-import"),
    path("objects/import/template/", registers.object_import_template, name="object-template"),
    path("objects/<int:pk>/", registers.object_detail, name="object-detail"),
    path("inspectors/", registers.inspector_list, name="inspector-list"),
]
