"""Write output files atomically: to a temporary file in the same folder, then rename.

A run killed mid-write leaves the previous file intact and never a partial file
under the real name. On SIGTERM or SIGHUP (with :func:`clean_up_on_termination`,
as the command installs) and Ctrl-C the temporary file is removed too; only a
SIGKILL or a crash of the machine can leave one, hidden and named as what it is:
``.NAME.XXXXXXXX.tmp.SUFFIX``.
"""

from __future__ import annotations

import errno
import os
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_bytes", "atomic_write_text", "clean_up_on_termination"]


def atomic_write(path: str | Path, write: Callable[[str], object]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``path`` in one rename.

    The temporary name ends with the real file's suffix (``.x.gpkg.1a2b.tmp.gpkg``)
    for writers that judge a file by its extension.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:  # a file stands where a folder of the path should be
        raise NotADirectoryError(errno.ENOTDIR, f"{err.filename} is a file, not a folder", str(path)) from err
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    try:
        os.close(fd)
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        _sync(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _sync(path: str) -> None:
    """Flush the file to disk, so a crash just after the rename cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through atomic_write's cleanup; the shell's usual status


def clean_up_on_termination() -> None:
    """Turn SIGTERM and SIGHUP into ``SystemExit``, so a terminated run removes its temporary files.

    Left alone when a handler is already set (say, by a scheduler). Call it from the main thread.
    """
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
            signal.signal(sig, _terminate)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (newlines as given)."""
    atomic_write_bytes(path, text.encode("utf-8"))
