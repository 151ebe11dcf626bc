"""The event rules are data (geo.rules.events): the trigger engine compiles them and knows no word of its own."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest

from geo import _triggers
from geo.rules import events as rules

SENTENCE = "Iranian drones reportedly struck a party base near Koya on Monday."


@pytest.fixture
def changed_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A monkeypatch for the event rule tables; the engine is compiled again afterwards, as it was."""
    try:
        yield monkeypatch
    finally:
        monkeypatch.undo()
        importlib.reload(_triggers)


def subs(sentence: str) -> list[tuple[str, str]]:
    return [(c.event_type, c.sub_event_type) for c in _triggers.candidates(sentence)]


def test_the_engine_is_compiled_from_the_tables() -> None:
    assert [sub for sub, _ in _triggers._BORDER] == [sub for sub, _ in rules.BORDER]
    assert [sub for sub, _ in _triggers._MEETING] == [sub for sub, _ in rules.MEETING]
    assert [sub for sub, _ in _triggers._WEAPONS] == [sub for sub, _ in rules.WEAPONS]
    assert set(_triggers._NEEDS) == {sub for sub, _ in (*rules.BORDER, *rules.MEETING)}


def test_a_hedge_word_added_to_the_table_takes_effect(changed_rules: pytest.MonkeyPatch) -> None:
    assert subs(SENTENCE) == [("strike", "drone_strike")]
    changed_rules.setattr(rules, "NOT_EVENT", rules.NOT_EVENT.replace(r"\b(?:", r"\b(?:reportedly\b|", 1))
    importlib.reload(_triggers)
    assert subs(SENTENCE) == []


def test_a_weapon_added_to_the_table_takes_effect(changed_rules: pytest.MonkeyPatch) -> None:
    sentence = "A loitering munition struck a party base near Koya on Monday."
    assert ("strike", "drone_strike") not in subs(sentence)
    weapons = tuple(
        (sub, pattern.replace(r"\b(?:", r"\b(?:loitering munitions?|", 1) if sub == "drone_strike" else pattern)
        for sub, pattern in rules.WEAPONS
    )
    changed_rules.setattr(rules, "WEAPONS", weapons)
    importlib.reload(_triggers)
    assert subs(sentence) == [("strike", "drone_strike")]


@pytest.mark.parametrize("module", ["geo._event_places", "geo.merge", "geo.events"])
def test_each_event_stage_reads_its_table(module: str) -> None:
    """The event stages compile what geo.rules holds: no stage keeps a word list of its own."""
    engine = importlib.import_module(module)
    table = {"geo._event_places": "places", "geo.merge": "merging", "geo.events": "sentences"}[module]
    assert engine.rules is importlib.import_module(f"geo.rules.{table}")
