"""Locale format overrides (settings.FORMAT_MODULE_PATH); anything not set here comes from Django."""
