"""Public portal pages of the enforcement module (mounted at /enforcement/ on the portal)."""

from django.urls import path

from fazhi.enforcement.views import portal

urlpatterns: list = [
    path("", portal.index, name="enforcement-index"),
    path("decisions/", portal.decisions, name="enforcement-decisions"),
    path("decisions/<int:pk>/", portal.decision, name="enforcement-decision"),
    path("powers/", portal.powers, name="enforcement-powers"),
    path("benchmarks/", portal.benchmarks, name="enforcement-benchmarks"),
    path("benchmarks/<int:pk>/", portal.benchmark, name="enforcement-benchmark"),
    path("lenient/", portal.lenient, name="enforcement-lenient"),
]
