"""What a benchmark ran on, which code it measured, and where its results go."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Callable
from pathlib import Path

__all__ = ["RESULTS", "code_version", "machine", "rewrite_results"]

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"


def machine() -> str:
    """CPU model, cores, Python and platform."""
    model = platform.processor() or "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.machine()}"
    )


def code_version(*packages: str) -> str:
    """The code measured: its git commit, and whether the given package folders differ from it."""
    from geo import __version__

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"borderlens {__version__} (not a git checkout)"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", *packages)
    return f"borderlens {__version__} at git {commit}" + (" plus uncommitted changes" if dirty else "")


def rewrite_results(replace: Callable[[str], str], path: Path = RESULTS) -> None:
    """Re-read ``path`` now, let ``replace`` change its own part, and write it back atomically.

    Each benchmark owns one part of the file; re-reading just before writing
    keeps what another benchmark wrote meanwhile.
    """
    from geo.atomic import atomic_write_bytes

    current = path.read_bytes().decode("utf-8") if path.exists() else ""
    atomic_write_bytes(path, replace(current).encode("utf-8"))
