app_name = "precheck"
urlpatterns: list = []
