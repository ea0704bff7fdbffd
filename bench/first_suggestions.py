"""Time from an empty database to the first suggestions, as `make run` does it.

    python bench/first_suggestions.py [--port 5077] [--timeout 3600]

Runs `flask db upgrade`, `flask demo load` and `flask run` on a throwaway SQLite database, then asks the API for
the suggestions of the first demo request until they are no longer pending. Prints each step's seconds.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLASK = [sys.executable, "-m", "flask"]


def _get(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.load(response)
    except OSError:
        return None


def _first_request_id(base: str) -> int:
    page = _get(f"{base}/api/v1/opportunities?kind=request&per_page=1")
    return page["items"][0]["id"]


def _wait_for_suggestions(base: str, deadline: float) -> int:
    """Poll until the first demo request has suggestions; returns how many."""
    opportunity_id = None
    while time.monotonic() < deadline:
        if opportunity_id is None and _get(f"{base}/api/v1/opportunities?per_page=1") is not None:
            opportunity_id = _first_request_id(base)
        if opportunity_id is not None:
            body = _get(f"{base}/api/v1/opportunities/{opportunity_id}/matches?limit=5")
            if body and not body["pending"] and body["items"]:
                return len(body["items"])
        time.sleep(1)
    raise TimeoutError("no suggestions before the timeout")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5077)
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="first-suggestions-")
    env = dict(os.environ, FLASK_APP="wsgi.py", APP_ENV="development", DATABASE_URL=f"sqlite:///{folder}/demo.db",
               SECRET_KEY="bench-only-secret-key-0123456789")
    started = time.monotonic()
    steps = {}
    for name, command in (("upgrade", ["db", "upgrade"]), ("demo load", ["demo", "load"])):
        subprocess.run(FLASK + command, cwd=ROOT, env=env, check=True, capture_output=True)
        steps[name] = time.monotonic() - started - sum(steps.values())
    server = subprocess.Popen(FLASK + ["run", "--port", str(args.port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        count = _wait_for_suggestions(f"http://127.0.0.1:{args.port}", started + args.timeout)
        steps["serve until suggestions"] = time.monotonic() - started - sum(steps.values())
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, seconds in steps.items():
        print(f"{name}: {seconds:.1f} s")
    print(f"empty database to {count} suggestions: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
