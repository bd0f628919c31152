"""Local development and the `make run` demo: SQLite, DEBUG on."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", default=True)
