"""Public portal pages of the enforcement module (mounted at /enforcement/ on the portal)."""

urlpatterns: list = []
