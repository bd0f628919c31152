"""Staff pages of the normdocs app (thin: parse → selector → service → render)."""
