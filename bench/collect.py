"""Gather the benchmark sections of docs/bench/*.md into docs/benchmarks.md.

    .venv/bin/python bench/collect.py

Each bench script writes its own section (with the command that produced it and the machine); this page puts
them in one place in a fixed order.
"""
import platform
import subprocess
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
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(head) + "\n" + "\n".join(body), encoding="utf-8")
    print(f"docs/benchmarks.md: {len(sections)} sections")


if __name__ == "__main__":
    main()
