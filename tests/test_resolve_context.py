"""The resolver reads the document's countries and provinces, on the compiled path and the pure one alike.

Sentences written for these tests: a name shared by towns in Iraq and Iran goes to the country or
province the text names, and to the better-known town when it names none.
"""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from geo.model import Document
from geo.resolve import places_from_document


@pytest.fixture
def path(recogniser_path: str) -> str:
    return recogniser_path


def country_of(text: str, name: str, gaz: Gazetteer) -> str | None:
    found = [p for p in places_from_document(Document(id="d", text=text), gaz) if p.mention.surface == name]
    assert found, (text, name)
    return found[0].country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Shelling hit Najaf on Monday.", "IQ"),
        ("Shelling hit Najaf in Iran on Monday.", "IR"),
        ("Iranian officials said shelling hit Najaf, a village of Iran's North Khorasan province.", "IR"),
    ],
)
def test_the_document_s_country_picks_among_namesakes(gaz: Gazetteer, path: str, text: str, country: str) -> None:
    assert country_of(text, "Najaf", gaz) == country


def test_without_context_the_better_known_namesake_wins(gaz: Gazetteer, path: str) -> None:
    namesakes = [e for e in gaz.lookup("Najaf") if e.kind == "populated_place"]
    assert {e.country for e in namesakes} >= {"IQ", "IR"}  # the test means something only with both
    assert country_of("Talks on trade were held in Najaf.", "Najaf", gaz) == "IQ"
