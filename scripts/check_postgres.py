"""Exit 0 when the PostgreSQL at argv[1] is reachable and its LC_CTYPE is UTF-8 (pg_trgm needs it)."""

import sys

import psycopg


def main() -> int:
    url = sys.argv[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3) as conn:
            ctype = conn.execute("SHOW lc_ctype").fetchone()[0]
    except psycopg.Error as exc:
        sys.stderr.write(f"PostgreSQL unavailable: {exc}".strip() + "\n")
        return 1
    if "utf" not in ctype.lower().replace("-", ""):
        sys.stderr.write(
            f"PostgreSQL LC_CTYPE is {ctype!r}; Chinese search needs a UTF-8 ctype (e.g. C.UTF-8)"
            + "\n"
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
