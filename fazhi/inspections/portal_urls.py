"""Public portal pages of the random-inspection module (mounted at /inspections/ on the portal)."""

urlpatterns: list = []
