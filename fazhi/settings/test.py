"""Test settings: fast hashing, tasks run inline, isolated var dir, trigger-aware DB wrappers."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

_TMP = Path(tempfile.mkdtemp(prefix="fazhi-test-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)  # each test process removes its own
MEDIA_ROOT = _TMP / "media"
FAZHI_SEARCH_INDEX_DIR = _TMP / "search-index"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test runner must flush tables between transactional tests; the wrappers lift the audit
# triggers for that flush only (see fazhi/db/backends).
_engine = DATABASES["default"]["ENGINE"]
if _engine.endswith("sqlite3"):
    DATABASES["default"]["ENGINE"] = "fazhi.db.backends.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test.sqlite3")}
elif _engine.endswith("postgresql"):
    DATABASES["default"]["ENGINE"] = "fazhi.db.backends.postgresql"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
os.environ.setdefault("FAZHI_TESTING", "1")
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
