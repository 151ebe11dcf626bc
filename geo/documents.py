"""Read articles into :class:`Document` records: text files, HTML, Markdown, JSON Lines, CSV.

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
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from geo import _html
from geo.errors import InputError

__all__ = ["READERS", "Document", "documents_from_paths", "read_file", "sample_corpus_path"]

SAMPLE_CORPUS = Path(__file__).parent / "sample" / "articles.jsonl"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what is known of where and when it appeared."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)


def sample_corpus_path() -> Path:
    """The bundled sample corpus (reports written for borderlens)."""
    return SAMPLE_CORPUS


# -- decoding ----------------------------------------------------------------------------------
def decode(data: bytes, path: str | Path) -> str:
    """Decode article bytes: BOMs first, then UTF-8, then a detected legacy code page.

    Binary files (PDF, images, archives) are refused rather than read as noise.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise InputError(
            "looks like a binary file (PDF, image or archive), not text; convert it to text first", path=path
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "cp1252", "latin_1", "utf_8"]).best()
    if best is None:
        raise InputError("cannot tell the text encoding; save it as UTF-8", path=path)
    return str(best)


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
    text = decode(path.read_bytes(), path)
    meta, body_start = _front_matter(text)
    record = {**_sidecar(path), **meta, "text": text[body_start:]}
    yield _document(record, default_id=path.stem, path=path, line=None)


def read_html(path: Path, errors: list[InputError] | None) -> Iterator[Document]:
    """An HTML page: visible article text, metadata from ``<meta>`` tags and a sidecar."""
    page = _html.extract(decode(path.read_bytes(), path))
    record = {**page.meta, **_sidecar(path), "text": page.text}
    yield _document(record, default_id=path.stem, path=path, line=None)


def read_jsonl(path: Path, errors: list[InputError] | None) -> Iterator[Document]:
    """JSON Lines: one article object per line (``id``, ``text``, optional metadata)."""
    text = decode(path.read_bytes(), path)
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
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
    text = decode(path.read_bytes(), path)
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
                    f"{len(row[None]) if row[None] else 0} more fields than the header has", path=path, line=start
                )  # type: ignore[index]
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
    """Article files below a folder, sorted, hidden files and sidecars skipped, links not followed."""

    def onerror(err: OSError) -> None:
        _report(InputError(f"cannot list folder: {err.strerror or err}", path=err.filename or folder), errors)

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in READERS:
                continue
            yield path


def documents_from_paths(paths: Iterable[str | Path], *, errors: list[InputError] | None = None) -> Iterator[Document]:
    """Every document in the given files and folders, in a stable order.

    Document ids must be unique across the run: a repeated id is reported (or
    raised, without ``errors``) and that document skipped.
    """
    seen: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files: Iterable[Path] = _walk(path, errors)
        elif path.exists():
            files = [path]
        else:
            _report(InputError("no such file or folder", path=path), errors)
            continue
        for file in files:
            for doc in read_file(file, errors=errors):
                where = f"{doc.path}" + (f" line {doc.line}" if doc.line else "")
                if doc.id in seen:
                    _report(
                        InputError(
                            f"document id {doc.id!r} was already used by {seen[doc.id]}", path=doc.path, line=doc.line
                        ),
                        errors,
                    )
                    continue
                seen[doc.id] = where
                yield doc
