"""Read articles into :class:`~geo.model.Document` records: text files, HTML, Markdown, JSON Lines, CSV.

A document's ``text`` is what every later stage reports offsets into. For plain
text and Markdown it is the file's decoded text, unchanged (front matter cut
off); for HTML it is the visible text the page shows. Typographic quotes and
odd spaces are folded later, one character for one, so offsets never move.

Bad records never stop a run: with an ``errors`` list, each one is reported
there as an :class:`~geo.errors.InputError` naming the file and line, and the
good records around it are read.
"""

from __future__ import annotations

import csv
import email.utils
import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from geo import _html
from geo.errors import InputError
from geo.model import Document

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "READERS",
    "article_files",
    "bad_bytes",
    "decode",
    "documents_from_paths",
    "jsonl_documents",
    "read_file",
    "sample_corpus_path",
    "unique_documents",
]

SAMPLE_CORPUS = Path(__file__).parent / "sample" / "articles.jsonl"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive (or a Word or OpenDocument file)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
}
#: One article longer than this is refused: it is a dump or a log, not a report (a feed of many
#: articles in one JSON Lines or CSV file has no limit; each record does).
MAX_DOCUMENT_BYTES = 10_000_000
_HTML_OVERHEAD = 5  # an HTML page may be this many times its limit before its text is taken out
#: Formats a folder of articles often holds that borderlens cannot read: reported, never skipped silently.
_UNREADABLE_DOCUMENTS = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages"})
_BAD_BYTES = re.compile("[\udc80-\udcff]")  # undecodable bytes kept by errors="surrogateescape"
_BAD_RUN = re.compile("[\udc80-\udcff]+")


def sample_corpus_path() -> Path:
    """The bundled sample corpus (reports written for borderlens)."""
    return SAMPLE_CORPUS


# -- decoding ----------------------------------------------------------------------------------
def decode(data: bytes, path: str | Path, *, damaged_ok: bool = False) -> str:
    """Decode article bytes: BOMs first, then UTF-8, then a detected legacy code page.

    Binary files (PDF, images, archives) are refused rather than read as noise.
    UTF-8 with a few bad bytes is damaged UTF-8, not a legacy code page: it is
    refused naming the line, or with ``damaged_ok`` (readers of one record a
    line) returned with each bad byte as a lone surrogate, for
    :func:`bad_bytes` to find in the record that holds it.
    """
    if not data:
        raise InputError("the file is empty", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"broken UTF-16 at byte {err.start}: {err.reason}", path=path) from err
    elif data.startswith(tuple(_BINARY_MAGIC)) or b"\x00" in data[:4096]:
        kind = next((name for magic, name in _BINARY_MAGIC.items() if data.startswith(magic)), "a binary file")
        raise InputError(f"this is {kind}, not text; convert it to text first", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if _mostly_utf8(data):
            if damaged_ok:
                return data.decode("utf-8", errors="surrogateescape")
            line = data.count(b"\n", 0, err.start) + 1
            raise InputError(_damaged(data[err.start : err.end]), path=path, line=line) from err
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "cp1252", "latin_1", "utf_8"]).best()
    if best is None:
        raise InputError("cannot tell the text encoding; save it as UTF-8", path=path)
    return str(best)


def _mostly_utf8(data: bytes) -> bool:
    """True when more characters decode as multi-byte UTF-8 than bytes fail to (a legacy code page
    such as Windows-1256 makes valid UTF-8 sequences only by chance, and rarely)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_BAD_BYTES.findall(text))
    return sum(1 for ch in text if ord(ch) > 0x7F) - bad > bad


def _damaged(sample: bytes) -> str:
    return f"invalid UTF-8 bytes ({sample!r}) in a UTF-8 file; repair them or save the file again as UTF-8"


def bad_bytes(text: str) -> str | None:
    """The reason a record decoded with ``damaged_ok`` cannot be used, or None when it is clean."""
    match = _BAD_RUN.search(text)
    if match is None:
        return None
    return _damaged(match.group().encode("utf-8", errors="surrogateescape"))


def _check_size(size: int, limit: int, path: Path, line: int | None = None) -> None:
    if size > limit:
        raise InputError(
            f"{size / 1e6:.1f} MB is too much for one article (at most {limit / 1e6:g} MB); "
            "split it into articles, one per JSON Lines or CSV record",
            path=path,
            line=line,
        )


# -- metadata ----------------------------------------------------------------------------------
def parse_published(value: Any, path: str | Path, line: int | None) -> date | None:
    """An ISO date (or date-time) from metadata; empty means unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError as err:
        try:  # the RFC 2822 dates of feeds and <meta> tags: 'Mon, 14 Nov 2022 08:00:00 GMT'
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
        raise InputError(
            f"published {text!r} is not an ISO date; write it as YYYY-MM-DD", path=path, line=line
        ) from err


def _text_field(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """Simple ``key: value`` front matter between ``---`` lines, and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    meta: dict[str, str] = {}
    for raw in match.group(1).splitlines():
        key, sep, value = raw.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, match.end()


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``name.json`` or ``name.meta.json`` beside a text file."""
    for candidate in (path.with_suffix(".meta.json"), path.with_name(path.name + ".json"), path.with_suffix(".json")):
        if candidate != path and candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as err:
                raise InputError(f"sidecar metadata {candidate.name!r} is not valid JSON: {err}", path=path) from err
            if not isinstance(data, dict):
                raise InputError(f"sidecar metadata {candidate.name!r} must be a JSON object", path=path)
            return data
    return {}


def _document(record: dict[str, Any], *, default_id: str, path: Path, line: int | None) -> Document:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("the record has no text; give the article in a 'text' field", path=path, line=line)
    _check_size(len(text), MAX_DOCUMENT_BYTES, path, line)
    return Document(
        id=_text_field(record.get("id")) or default_id,
        text=text,
        title=_text_field(record.get("title")),
        published=parse_published(record.get("published"), path, line),
        outlet=_text_field(record.get("outlet")),
        url=_text_field(record.get("url")),
        path=str(path),
        line=line,
    )


# -- readers by file type ----------------------------------------------------------------------
Reader = Callable[[Path, list[InputError] | None], Iterator[Document]]


def read_text(path: Path, errors: list[InputError] | None) -> Iterator[Document]:
    """A plain-text or Markdown article: front matter or a sidecar JSON may carry metadata."""
    _check_size(path.stat().st_size, MAX_DOCUMENT_BYTES, path)
    text = decode(path.read_bytes(), path)
    meta, body_start = _front_matter(text)
    record = {**_sidecar(path), **meta, "text": text[body_start:]}
    yield _document(record, default_id=path.stem, path=path, line=None)


def read_html(path: Path, errors: list[InputError] | None) -> Iterator[Document]:
    """An HTML page: visible article text, metadata from ``<meta>`` tags and a sidecar."""
    _check_size(path.stat().st_size, _HTML_OVERHEAD * MAX_DOCUMENT_BYTES, path)
    page = _html.extract(decode(path.read_bytes(), path))
    record = {**page.meta, **_sidecar(path), "text": page.text}
    yield _document(record, default_id=path.stem, path=path, line=None)


def read_jsonl(path: Path, errors: list[InputError] | None) -> Iterator[Document]:
    """JSON Lines: one article object per line (``id``, ``text``, optional metadata)."""
    yield from jsonl_documents(decode(path.read_bytes(), path, damaged_ok=True), path, errors)


def jsonl_documents(
    text: str, path: Path, errors: list[InputError] | None, *, first_line: int = 1
) -> Iterator[Document]:
    """The documents in JSON Lines ``text`` whose first line is line ``first_line`` of ``path``.

    Apart from :func:`read_jsonl` so :mod:`geo.scale` can read a large file in byte ranges.
    """
    for number, raw in enumerate(text.splitlines(), start=first_line):
        if not raw.strip():
            continue
        try:
            damage = bad_bytes(raw)
            if damage:
                raise InputError(damage, path=path, line=number)
            try:
                record = json.loads(raw)
            except ValueError as err:
                raise InputError(f"not valid JSON ({err.args[0]})", path=path, line=number) from err
            if not isinstance(record, dict):
                raise InputError("each line must be a JSON object with 'id' and 'text'", path=path, line=number)
            yield _document(record, default_id=f"{path.stem}:{number}", path=path, line=number)
        except InputError as err:
            _report(err, errors)


def read_csv(path: Path, errors: list[InputError] | None) -> Iterator[Document]:
    """CSV with a header: ``text`` is required; ``id``, ``title``, ``published``, ``outlet``, ``url`` optional."""
    text = decode(path.read_bytes(), path, damaged_ok=True)
    reader = csv.DictReader(text.splitlines(keepends=True))
    if reader.fieldnames is None or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        _report(InputError(f"no 'text' column (columns: {reader.fieldnames!r})", path=path, line=1), errors)
        return
    start = reader.line_num + 1
    for row in reader:
        record = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
        try:
            if None in row:
                raise InputError(
                    f"{len(row[None]) if row[None] else 0} more field(s) than the header has", path=path, line=start
                )  # type: ignore[index]
            damage = next(filter(None, (bad_bytes(v) for v in record.values() if isinstance(v, str))), None)
            if damage:
                raise InputError(damage, path=path, line=start)
            yield _document(record, default_id=f"{path.stem}:{start}", path=path, line=start)
        except InputError as err:
            _report(err, errors)
        start = reader.line_num + 1


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
}


def _report(err: InputError, errors: list[InputError] | None) -> None:
    if errors is None:
        raise err
    errors.append(err)


def read_file(path: str | Path, *, errors: list[InputError] | None = None) -> Iterator[Document]:
    """Documents in one file, read by its extension (see :data:`READERS`)."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        _report(InputError(f"unknown file type {path.suffix!r}; borderlens reads {known}", path=path), errors)
        return
    try:
        yield from reader(path, errors)
    except InputError as err:
        _report(err, errors)
    except OSError as err:
        _report(InputError(f"{err.strerror or err}", path=path), errors)


def _walk(folder: Path, errors: list[InputError] | None) -> Iterator[Path]:
    """Article files below a folder, sorted; hidden files and sidecars skipped, links to folders not followed.

    An entry that cannot be an article file (a named pipe, which would block the
    read forever; a socket; a broken or looping link) and a document borderlens
    cannot read (PDF, Word) are reported, never passed over in silence.
    """

    def onerror(err: OSError) -> None:
        _report(InputError(f"cannot list folder: {err.strerror or err}", path=err.filename or folder), errors)

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if name.startswith(".") or (suffix not in READERS and suffix not in _UNREADABLE_DOCUMENTS):
                continue
            problem = _not_a_file(path)
            if problem is None and suffix in _UNREADABLE_DOCUMENTS:
                problem = f"borderlens cannot read {suffix} documents; save the article as text or HTML"
            if problem is not None:
                _report(InputError(problem, path=path), errors)
                continue
            yield path


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is no readable regular file (or None when it is one)."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if path.is_symlink():
            target = os.readlink(path)
            if err.errno == errno.ELOOP:
                return f"a symbolic link loop (to {target!r})"
            return f"a broken symbolic link (to {target!r})"
        return f"{err.strerror or err}"
    if stat.S_ISREG(mode):
        return None
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"{kind}, not a regular file"


def documents_from_paths(paths: Iterable[str | Path], *, errors: list[InputError] | None = None) -> Iterator[Document]:
    """Every document in the given files and folders, in a stable order.

    Document ids must be unique across the run: a repeated id is reported (or
    raised, without ``errors``) and that document skipped.
    """
    docs = (doc for file in article_files(paths, errors=errors) for doc in read_file(file, errors=errors))
    yield from unique_documents(docs, errors=errors)


def article_files(paths: Iterable[str | Path], *, errors: list[InputError] | None = None) -> Iterator[Path]:
    """The files :func:`documents_from_paths` reads, in its order; a missing path is reported.

    Apart so :mod:`geo.scale` can plan a run's partitions without reading the files.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, errors)
        elif path.exists():  # a named pipe given by name is read: the caller means it
            yield path
        else:
            problem = _not_a_file(path) if path.is_symlink() else None
            _report(InputError(problem or "no such file or folder", path=path), errors)


def unique_documents(docs: Iterable[Document], *, errors: list[InputError] | None = None) -> Iterator[Document]:
    """``docs`` without the ones whose id was used before in the run (each reported, or raised)."""
    seen: dict[str, str] = {}
    for doc in docs:
        where = f"{doc.path}" + (f" line {doc.line}" if doc.line else "")
        if doc.id in seen:
            _report(
                InputError(f"document id {doc.id!r} was already used by {seen[doc.id]}", path=doc.path, line=doc.line),
                errors,
            )
            continue
        seen[doc.id] = where
        yield doc
