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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_bytes", "atomic_write_text", "clean_up_on_termination", "made_then_removed"]

_held = 0  # > 0 while a temporary file or folder is being made: a termination waits until it is
_pending: list[int] = []  # the terminations that waited


@contextmanager
def made_then_removed(make: Callable[[], str], remove: Callable[[str], None]) -> Iterator[str]:
    """``make()`` a temporary file or folder, give its name, and ``remove`` it on the way out.

    A SIGTERM or SIGHUP that comes while it is made (after it exists, before the code that
    removes it runs) waits, and ends the run from inside, so it is removed all the same.
    """
    global _held
    _held += 1
    try:
        name = make()
    except BaseException:
        _release()
        raise
    try:
        _release()
        yield name
    finally:
        remove(name)


def _release() -> None:
    global _held
    _held -= 1
    if not _held and _pending:
        signum = _pending.pop()
        _pending.clear()
        raise SystemExit(128 + signum)


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

    def make() -> str:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}", dir=path.parent)
        os.close(fd)
        return name

    def remove(name: str) -> None:
        if os.path.exists(name):
            os.unlink(name)

    with made_then_removed(make, remove) as tmp:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        _sync(tmp)
        os.replace(tmp, path)


def _sync(path: str) -> None:
    """Flush the file to disk, so a crash just after the rename cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _terminate(signum: int, frame: object) -> None:
    if _held:  # a temporary file is being made: end the run once it can be removed
        _pending.append(signum)
        return
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
