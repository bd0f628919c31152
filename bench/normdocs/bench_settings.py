"""Settings of the portal page benchmark: the dev settings without DEBUG, plus a bare view URL.

Only `bench/normdocs/bench_portal_page.py` uses this module; the bare view never exists in the
production URL map.
"""

from fazhi.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.normdocs.bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
