"""Reading articles: every format, every encoding, and bad records reported, not lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.documents import documents_from_paths, read_file, sample_corpus_path
from geo.errors import InputError
from geo.model import Document

ARABIC = "ضربات بطائرات مسيرة قرب أربيل"


def read(path: Path) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []
    return list(documents_from_paths([path], errors=errors)), errors


def test_text_file_keeps_text_and_id(tmp_path: Path) -> None:
    path = tmp_path / "koya-strike.txt"
    path.write_text("TEHRAN - Drones hit Koya.\n", encoding="utf-8")
    (doc,), errors = read(path)
    assert (doc.id, doc.text, doc.published, errors) == ("koya-strike", "TEHRAN - Drones hit Koya.\n", None, [])


def test_front_matter_and_sidecar(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text(
        "---\ntitle: Strikes\npublished: 2022-09-28\noutlet: Example\n---\nDrones hit Koya.", encoding="utf-8"
    )
    txt = tmp_path / "b.txt"
    txt.write_text("Shelling near Sidakan.", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"published": "2022-09-27", "url": "https://example.org/b"}))
    docs, errors = read(tmp_path)
    assert errors == []
    assert [(d.id, d.published, d.title, d.url) for d in docs] == [
        ("a", date(2022, 9, 28), "Strikes", None),
        ("b", date(2022, 9, 27), None, "https://example.org/b"),
    ]
    assert docs[0].text == "Drones hit Koya."


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><meta property='article:published_time' content='2023-03-19T10:00:00Z'>"
        "<script>var Erbil = 1;</script><style>p{}</style></head><body><nav>Home Erbil</nav>"
        "<p>Iraq and Iran signed an agreement in Baghdad.</p><p>Read more: Erbil news</p>"
        "<p>- Advertisment -</p><footer>© Koya</footer></body></html>",
        encoding="utf-8",
    )
    (doc,), _ = read(path)
    assert doc.text == "Iraq and Iran signed an agreement in Baghdad."
    assert (doc.title, doc.published) == ("T", date(2023, 3, 19))


def test_jsonl_bad_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "Koya"}\n{"id": "b", "text": \n{"id": "c", "text": "Erbil", "published": "2022-13-45"}\n'
        '{"id": "d", "text": ""}\n["not", "an", "object"]\n{"id": "e", "text": "Iraq"}\n',
        encoding="utf-8",
    )
    docs, errors = read(path)
    assert [d.id for d in docs] == ["a", "e"]
    assert [(e.line, e.path) for e in errors] == [(2, str(path)), (3, str(path)), (4, str(path)), (5, str(path))]
    assert "not valid JSON" in str(errors[0]) and "feed.jsonl' line 2" in str(errors[0])
    assert "'2022-13-45' is not an ISO date" in str(errors[1])
    assert "no text" in str(errors[2])


def test_csv_quoted_newlines_extra_columns_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        'id,text,published\na,"Drones hit Koya.\nTwo died.",2022-09-28\nb,Erbil,2022-09-28,extra\nc,Sidakan,\n',
        encoding="utf-8",
    )
    docs, errors = read(path)
    assert [(d.id, d.line) for d in docs] == [("a", 2), ("c", 5)]
    assert docs[0].text == "Drones hit Koya.\nTwo died."
    assert errors[0].line == 4 and "more field(s) than the header" in str(errors[0])


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("id,body\na,Koya\n", encoding="utf-8")
    docs, errors = read(path)
    assert docs == [] and "no 'text' column" in str(errors[0])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1256"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ar.txt"
    path.write_bytes(f"{ARABIC}. Erbil.".encode(encoding))
    (doc,), errors = read(path)
    assert errors == [] and doc.text == f"{ARABIC}. Erbil."


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    docs, errors = read(path)
    assert docs == [] and "this is a PDF document, not text" in str(errors[0]) and "report.txt" in str(errors[0])


def test_without_an_error_list_the_first_bad_record_raises(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: not valid JSON"):
        list(read_file(path))


def test_folders_are_walked_in_order_and_duplicates_reported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("Koya", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Erbil", encoding="utf-8")
    (tmp_path / "x.md").write_text("Iraq", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Iran", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "loop").symlink_to(tmp_path)
    docs, errors = read(tmp_path)
    assert [d.id for d in docs] == ["a", "x"]
    assert len(errors) == 2
    assert "notes.pdf': borderlens cannot read .pdf documents" in str(errors[0])  # reported, not skipped
    assert "already used" in str(errors[1])


def test_missing_path(tmp_path: Path) -> None:
    docs, errors = read(tmp_path / "nope.txt")
    assert docs == [] and "no such file" in str(errors[0])


def test_sample_corpus_has_metadata() -> None:
    docs, errors = read(sample_corpus_path())
    assert errors == [] and len(docs) >= 8
    assert all(d.published and d.outlet and d.url and d.title for d in docs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2022-11-14T08:00:00Z", date(2022, 11, 14)), ("Mon, 14 Nov 2022 08:00:00 GMT", date(2022, 11, 14))],
)
def test_published_in_iso_or_rfc_2822(tmp_path: Path, value: str, expected: date) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Drones hit Koya.", "published": value}) + "\n", encoding="utf-8")
    (doc,), errors = read(path)
    assert errors == [] and doc.published == expected
