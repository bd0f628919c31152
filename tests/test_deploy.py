"""Production settings pass `fazhi check --deploy` and refuse the development secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

FAZHI = str(Path(sys.executable).parent / "fazhi")


def _run(env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "fazhi.settings.prod",
            "ALLOWED_HOSTS": "fazhi.example.gov.cn",
            "DATABASE_URL": "sqlite:////tmp/fazhi-deploy-check.sqlite3",
            **env_extra,
        }
    )
    return subprocess.run(
        [FAZHI, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = _run({"SECRET_KEY": secrets.token_urlsafe(64)})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_development_key():
    result = _run({"SECRET_KEY": "dev-only-insecure-key-change-me"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
