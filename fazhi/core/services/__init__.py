"""Core services: the only write path for org units, users, grants, notifications and numbers."""
