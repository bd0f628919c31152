"""Staff pages of the enforcement app."""
