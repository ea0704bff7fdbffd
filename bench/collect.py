"""Gather the benchmark sections of docs/bench/*.md into docs/benchmarks.md.

    .venv/bin/python bench/collect.py [--force]

Each bench script writes its own section (with the command that produced it and the machine); this page puts
them in one place in a fixed order.
"""
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["matching.md", "matching_api.md", "search.md", "scheduling.md"]


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown CPU"
    return next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name")),
                "unknown CPU")


def main() -> None:
    sections = sorted((ROOT / "docs" / "bench").glob("*.md"),
                      key=lambda p: (ORDER.index(p.name) if p.name in ORDER else len(ORDER), p.name))
    head = [
        "# Benchmarks", "",
        "Speed and quality targets live here, never in timed tests. Each section names the command that produced",
        "it; ratios are measured against a baseline in the same run. Machine: "
        f"{cpu_model()}, 2 cores, 24 GiB, shared with other work while measured (see each section).", "",
    ]
    body = [p.read_text(encoding="utf-8").strip() + "\n" for p in sections]
    page = ROOT / "docs" / "benchmarks.md"
    gathered = "\n".join(head) + "\n" + "\n".join(body)
    # the page also holds sections written by hand (analyses, before/after tables of later sessions): never drop them
    own = {line for text in body for line in text.splitlines()}
    kept = page.read_text(encoding="utf-8").splitlines()[len(head):] if page.exists() else []
    extra = [line for line in kept if line.strip() and line not in own]
    if extra and "--force" not in sys.argv:
        print(f"docs/benchmarks.md has {len(extra)} lines no docs/bench/*.md section holds (written by hand), "
              f"e.g. {extra[0][:80]!r}: not overwritten. Add the new section's lines to the page by hand, or "
              "run with --force to replace the page by the gathered sections alone.")
        sys.exit(1)
    page.write_text(gathered, encoding="utf-8")
    print(f"docs/benchmarks.md: {len(sections)} sections")


if __name__ == "__main__":
    main()
