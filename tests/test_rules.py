"""The recogniser's rules are data: each table of geo.rules is read, and a change to one takes effect.

Adding one organisation word or one place-context phrase is one edit in one table (here made at run
time, then ``geo.toponyms.reload_rules()``), on the compiled path and the pure one alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from gazetteer import Gazetteer
from geo import _rulebook, rules
from geo.model import Document
from geo.resolve import places_from_document
from geo.rules import areas, datelines, names, near, people, regions, unknown
from geo.toponyms import reload_rules

MODULES = (areas, datelines, names, near, people, regions, unknown)
ORG_SENTENCE = "Protesters gathered outside the offices of Erbil Gazette on Monday."
NEAR_SENTENCE = "Shelling hit farms in the vicinity of Penjwen on Monday."


@pytest.fixture
def changed_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A monkeypatch for geo.rules tables; the rules are compiled again after the test, as they were."""
    try:
        yield monkeypatch
    finally:
        monkeypatch.undo()
        reload_rules()


@pytest.fixture
def path(recogniser_path: str) -> str:
    return recogniser_path


def places(text: str, gaz: Gazetteer) -> list[tuple[str, str | None, int | None]]:
    found = places_from_document(Document(id="d", text=text), gaz)
    return [(p.mention.surface, p.place_id, p.precision) for p in found]


def test_an_organisation_word_added_at_run_time_takes_effect(
    gaz: Gazetteer, changed_rules: pytest.MonkeyPatch, path: str
) -> None:
    assert [surface for surface, _, _ in places(ORG_SENTENCE, gaz)] == ["Erbil"]
    changed_rules.setattr(names, "ORG_AFTER", (*names.ORG_AFTER, "Gazette"))
    reload_rules()
    assert places(ORG_SENTENCE, gaz) == []  # "Erbil Gazette" is a newspaper


def test_a_near_phrase_added_at_run_time_takes_effect(
    gaz: Gazetteer, changed_rules: pytest.MonkeyPatch, path: str
) -> None:
    assert places(NEAR_SENTENCE, gaz) == [("Penjwen", "geonames:98012", 1)]
    changed_rules.setattr(near, "NEAR_PHRASES", (*near.NEAR_PHRASES, "in the vicinity of"))
    reload_rules()
    assert places(NEAR_SENTENCE, gaz) == [("Penjwen", "geonames:98012", 2)]  # only near the town


def test_a_list_word_added_at_run_time_takes_effect(
    gaz: Gazetteer, changed_rules: pytest.MonkeyPatch, path: str
) -> None:
    """A list word of several words reaches along a list; the compiled looks read its first and last words."""
    text = "Shelling hit farms near Koya as well as Penjwen on Monday."
    assert places(text, gaz)[-1] == ("Penjwen", "geonames:98012", 1)
    changed_rules.setattr(near, "LIST_WORDS", (*near.LIST_WORDS, "as well as"))
    changed_rules.setattr(near, "LIST_REACH", 16)  # room for it
    reload_rules()
    assert places(text, gaz)[-1] == ("Penjwen", "geonames:98012", 2)


def test_a_locative_added_at_run_time_takes_effect(
    gaz: Gazetteer, changed_rules: pytest.MonkeyPatch, path: str
) -> None:
    """A minor place before a capitalised word is kept after a locative: the compiled path reads a one-word
    locative alone, without its pattern."""
    text = "Farmers left Penjwen Rasul on Monday."
    found = places(text, gaz)
    changed_rules.setattr(names, "LOCATIVES", (*names.LOCATIVES, "left"))
    reload_rules()
    assert "left" in _rulebook.RULES.locative_alone
    assert places(text, gaz) != found


def test_a_pattern_that_no_longer_matches_a_word_alone_is_refused(changed_rules: pytest.MonkeyPatch) -> None:
    """The compiled path reads a one-word near phrase alone as a match: a template that breaks that is refused."""
    changed_rules.setattr(near, "NEAR_PATTERN", r"\b(?:{near})\s+the\s+$")
    with pytest.raises(ValueError, match="alone"):
        _rulebook.compile_rules()


def test_a_title_pattern_that_reads_on_into_the_next_word_is_refused(changed_rules: pytest.MonkeyPatch) -> None:
    """The compiled path looks for the name right after a title word: a pattern that reads further is refused."""
    changed_rules.setattr(people, "TITLES", (*people.TITLES, (r"[Ee]nvoys?\w*", "envoys")))
    with pytest.raises(ValueError, match="reads on"):
        _rulebook.compile_rules()


def test_a_name_pattern_that_starts_otherwise_turns_the_title_look_off(changed_rules: pytest.MonkeyPatch) -> None:
    assert _rulebook.RULES.title_next is not None
    changed_rules.setattr(people, "PERSON_NAME", r":\s+([A-Z][\w’'-]+)")
    assert _rulebook.compile_rules().title_next is None


def _tables(module: ModuleType) -> list[str]:
    return [name for name in vars(module) if name.isupper() and not name.startswith("_")]


def _changed(value: object) -> object:
    """The table with one more entry (or a pattern, number or word that differs)."""
    if isinstance(value, frozenset):
        return value | {"Zzqx"}
    if isinstance(value, tuple):
        return (*value, value[-1] if value and isinstance(value[-1], tuple) else "Zzqx")
    if isinstance(value, str):
        return value + "(?:)"
    if isinstance(value, int):
        return value + 1
    raise AssertionError(f"no way to change a {type(value).__name__} table")


@pytest.mark.parametrize(
    ("module", "name"), [(m, name) for m in MODULES for name in _tables(m)], ids=lambda v: getattr(v, "__name__", v)
)
def test_each_table_is_wired_in(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> None:
    """Changing any table of geo.rules changes the compiled rules (none is left unread)."""
    before = _rulebook.compile_rules()
    monkeypatch.setattr(module, name, _changed(getattr(module, name)))
    assert _rulebook.compile_rules() != before, f"{module.__name__}.{name} is not read"


# Tables another engine compiles (its own tests check each table is read): geo.villages.
COMPILED_ELSEWHERE = ("villages",)


def test_every_rules_module_is_covered() -> None:
    found = sorted(p.stem for p in __import__("pathlib").Path(rules.__file__).parent.glob("[!_]*.py"))
    # the event reader's tables: compiled by geo._triggers, geo._event_places, geo.merge and geo.events,
    # covered by tests/test_event_rule_tables.py
    event_modules = ["dates", "events", "merging", "places", "sentences"]
    assert found == sorted([*(m.__name__.rpartition(".")[2] for m in MODULES), *event_modules, *COMPILED_ELSEWHERE])
