"""Public portal pages of the normdocs module (mounted at /normdocs/ on the portal)."""

urlpatterns: list = []
