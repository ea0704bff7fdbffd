"""`python -m tests.db_ready URL`: exit 0 when the database at URL answers."""
import sys

from sqlalchemy import create_engine, text


def main(url: str) -> int:
    try:
        with create_engine(url).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "not ready"; say why
        print(f"database not ready: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
