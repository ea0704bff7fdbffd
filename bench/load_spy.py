"""Where the load bench's processes spend their time while it measures: py-spy samples of one gunicorn worker and
of the RQ worker (`bench/load.py --spy`).

py-spy (requirements-dev.txt) reads the processes' stacks from outside, 100 times a second, without stopping them
(`--nonblocking`), so the profile is taken under the same contention as the requests it explains. It counts a
sample wherever py-spy sees the thread active; that includes a wait for PostgreSQL's answer, and the time a thread
that could run waits for a core. The sampler itself uses some CPU: a run with `--spy` is not compared with runs
without it.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

# frames worth naming in the summary whatever their rank: the model, waiting for PostgreSQL or Redis, templates
LANDMARKS = ("E5._encode", "Connection.wait", "render_template", "SocketBuffer._read_from_socket")


def start(pids: dict[str, int], seconds: float, out_dir: Path, label: str) -> dict[str, tuple[subprocess.Popen, Path]]:
    """A py-spy recorder per named process, for `seconds`, each writing its folded stacks to `out_dir`."""
    beside = Path(sys.executable).parent / "py-spy"  # the virtualenv's, whether or not its bin is on PATH
    binary = str(beside) if beside.exists() else shutil.which("py-spy")
    if binary is None:
        raise SystemExit("--spy needs py-spy: pip install -r requirements-dev.txt")
    out_dir.mkdir(parents=True, exist_ok=True)
    recorders = {}
    for name, pid in pids.items():
        path = out_dir / f"spy_{label}_{name.replace(' ', '_')}.txt"
        command = [binary, "record", "--nonblocking", "--rate", "100", "--duration", str(int(seconds)),
                   "--format", "raw", "--output", str(path), "--pid", str(pid)]
        recorders[name] = (subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), path)
    return recorders


def finish(recorders: dict[str, tuple[subprocess.Popen, Path]], top: int = 15) -> dict[str, dict]:
    """Wait for the recorders; per process, its samples and the functions with the largest shares of them."""
    out = {}
    for name, (process, path) in recorders.items():
        try:
            _, errors = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:  # a stuck sampler loses its profile, not the run
            process.kill()
            _, errors = process.communicate()
        if process.returncode or not path.exists():
            out[name] = {"error": " ".join(errors.decode(errors="replace").split("Stack backtrace")[0].split())[:300]}
            continue
        out[name] = summarise(path, top)
    return out


def summarise(path: Path, top: int = 15) -> dict:
    """From py-spy's folded stacks ("frame;frame;... count" per line): the samples, and for the `top` functions
    the share of samples spent in them (own) and under them (inclusive), plus the landmarks' inclusive shares."""
    own: Counter[str] = Counter()
    under: Counter[str] = Counter()
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        own[frames[-1]] += n
        for frame in set(frames):
            under[frame] += n
    share = (lambda n: round(n / total, 3)) if total else (lambda n: 0.0)
    landmarks = {mark: share(sum(n for frame, n in under.items() if frame.startswith(mark + " ")))
                 for mark in LANDMARKS}
    return {"samples": total,
            "own": [(frame, share(n)) for frame, n in own.most_common(top)],
            "landmarks": landmarks,
            "app": [(frame, share(n)) for frame, n in under.most_common() if _in_project(frame)][:top]}


def _in_project(frame: str) -> bool:
    """A frame of the project's own code (py-spy names a frame "function (path/file.py:line)")."""
    place = frame.rpartition("(")[2]
    return place.startswith(("app/", "matching/", "search/")) and "site-packages" not in place


def render(profile: dict[str, dict]) -> str:
    """The summaries as Markdown."""
    lines = []
    for name, summary in profile.items():
        if "error" in summary:
            lines.append(f"- {name}: py-spy failed: {summary['error']}")
            continue
        landmarks = ", ".join(f"{mark} {value:.0%}" for mark, value in summary["landmarks"].items())
        lines.append(f"- **{name}**, {summary['samples']} samples. Inclusive: {landmarks}.")
        lines.append("  - own time: " + "; ".join(f"{frame} {value:.0%}" for frame, value in summary["own"]))
        lines.append("  - under the project's functions: " + "; ".join(
            f"{frame} {value:.0%}" for frame, value in summary["app"]))
    return "\n".join(lines)
