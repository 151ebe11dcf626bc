"""Recognition: offsets, variants, vague regions, datelines, and what is not a place."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from geo import _lexicon
from geo.documents import documents_from_paths, read_file, sample_corpus_path
from geo.model import Mention
from geo.resolve import resolve_mentions
from geo.toponyms import fold_text, mentions_from_text


def resolved(text: str, gaz: Gazetteer) -> list[tuple[str, str | None]]:
    return [(p.mention.surface, p.place_id) for p in resolve_mentions(text, mentions_from_text(text, gaz), gaz)]


def ids(text: str, gaz: Gazetteer) -> list[str | None]:
    return [pid for _, pid in resolved(text, gaz)]


def test_fold_keeps_length() -> None:
    text = "Iraq’s Kurdistan — “Hewlêr”\u00a0Ḩalabjah ß İstanbul ﬁ"
    assert len(fold_text(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_offsets_always_slice_to_the_surface(gaz: Gazetteer, text: str) -> None:
    for mention in mentions_from_text(text, gaz):
        assert text[mention.start : mention.end] == mention.surface
        assert 0 <= mention.start < mention.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Erbil",
                "Koya",
                " in ",
                "Iraq’s Kurdistan region",
                "TEHRAN - ",
                "the",
                "Sidakan",
                ", ",
                "Kurdistan Regional Government",
                "Iranian",
                "northern Iraq",
                "\n",
                "Arbil",
            ]
        ),
        max_size=20,
    )
)
def test_offsets_on_domain_text(gaz: Gazetteer, parts: list[str]) -> None:
    text = "".join(parts)
    mentions = mentions_from_text(text, gaz)
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_arbil_is_erbil_city(gaz: Gazetteer) -> None:
    text = "a conference room at a hotel in the Kurdish regional capital Arbil."
    assert resolved(text, gaz) == [("Arbil", "geonames:95446")]


def test_kurdistan_region_phrases(gaz: Gazetteer) -> None:
    for text in (
        "bases in Iraq’s semi-autonomous Kurdistan region that",
        "bases in Iraq's Kurdish region.",
        "groups in Iraqi Kurdistan,",
        "the Kurdistan Region of Iraq",
        "in autonomous Kurdistan organized",
    ):
        assert ids(text, gaz) == ["region:kurdistan-region-iraq"], text


def test_organisations_and_demonyms_are_not_places(gaz: Gazetteer) -> None:
    for text in (
        "the Kurdistan Regional Government said",
        "the Democratic Party of Iranian Kurdistan (PDKI)",
        "Kurdistan 24 reported",
        "Iranian and Iraqi officials",
        "Kurdish groups",
        "Press TV reported",
        "the Supreme Security Council of Iraq",
    ):
        assert resolved(text, gaz) == [], text


def test_people_are_not_places(gaz: Gazetteer) -> None:
    text = "The secretary, Qasim al-Araji, met the region's health minister, Saman Barzinji."
    assert resolved(text, gaz) == []


def test_dateline(gaz: Gazetteer) -> None:
    assert resolved("TEHRAN - Iranian Intelligence Minister", gaz)[0] == ("TEHRAN", "geonames:112931")
    assert resolved("ERBIL, Iraq — Drones struck", gaz)[:2] == [("ERBIL", "geonames:95446"), ("Iraq", "geonames:99237")]


def test_governorates_list_resolves_to_governorates(gaz: Gazetteer) -> None:
    text = 'representatives from "six governorates: Baghdad, Mosul, Salaheddin, Al-Anbar, Diyala and Babylon," he said.'
    kinds = [(p.mention.surface, p.kind) for p in resolve_mentions(text, mentions_from_text(text, gaz), gaz)]
    assert kinds == [(name, "adm1") for name in ("Baghdad", "Mosul", "Salaheddin", "Al-Anbar", "Diyala", "Babylon")]
    assert ids("Mosul is a city", gaz) == ["geonames:99072"]


def test_kurdistan_province_vs_region(gaz: Gazetteer) -> None:
    assert ids("protests in Iran's Kurdistan province", gaz)[-1] == "geonames:126584"
    assert ids("attacks in Iraq's Kurdistan region", gaz) == ["region:kurdistan-region-iraq"]


def test_unknown_names_are_kept_unresolved(gaz: Gazetteer) -> None:
    text = "Drones hit a camp near Qzxwelan, local officials said."
    places = resolve_mentions(text, mentions_from_text(text, gaz), gaz)
    assert [(p.mention.surface, p.resolved) for p in places] == [("Qzxwelan", False)]


def test_near_miss_spelling_is_found(gaz: Gazetteer) -> None:
    text = "Shelling hit villages near Koysanjaq on Monday."
    assert ids(text, gaz) == ["geonames:94220"]


def test_precision(gaz: Gazetteer) -> None:
    text = "Drones struck Koya. Shells fell near Koya. Erbil province was calm. Iran denied it."
    places = resolve_mentions(text, mentions_from_text(text, gaz), gaz)
    assert [p.precision for p in places] == [1, 2, 3, 3]


def test_possessive_region_phrases_across_runs_of_separators(gaz: Gazetteer) -> None:
    """The Iraq's/Iran's patterns are looked for after the apostrophe, with any whitespace after the "s"."""
    cases = {
        "Iraq’s  Kurdistan region": "region:kurdistan-region-iraq",
        "in Iran's\nfar north-west": "region:northwestern-iran",
        "Iraq's  mountainous north": "region:northern-iraq",
    }
    for text, target in cases.items():
        patterns = [m for m in mentions_from_text(text, gaz) if m.source == "pattern"]
        assert [m.candidates for m in patterns] == [(target,)], text
    assert all(m.source == "name" for m in mentions_from_text("Iraq, Kurdistan region", gaz))


def _regexes_only(text: str, gaz: Gazetteer) -> list[Mention]:
    """Mentions found with every pattern run over the whole text: the pure path for a text it may not shortcut."""
    real = _lexicon.spaced_text
    try:
        _lexicon.spaced_text = lambda t: (real(t)[0], False)  # type: ignore[assignment]
        with _no_speedups():
            return mentions_from_text(text, gaz)
    finally:
        _lexicon.spaced_text = real  # type: ignore[assignment]


@contextlib.contextmanager
def _no_speedups() -> Iterator[None]:
    saved = _lexicon.speedups
    _lexicon.speedups = None
    try:
        yield
    finally:
        _lexicon.speedups = saved


# The patterns' own phrases, their words joined by any run of separators, between other words.
PHRASES = [
    phrase.split()
    for phrase in (
        "Iraq's semi-autonomous Kurdistan region|Iraq’s Kurdistan|Iraq's mountainous north|Iran's far north-west|"
        "the Kurdish region of Iraq|Kurdistan Region of northern Iraq|Iraqi Kurdish autonomous region|"
        "Iraqi Kurdistan region|the Iraqi northern region|north of Iraq|northwestern Iran|North-west of Iran|"
        "the border areas|the north-western border villages|the common border|the shared borders|"
        "the border with Iran|its frontiers with Iraq|their border between Iran|Semi autonomous Kurdistan|"
        "autonomous Kurdish Region of Iraq|President Erbil|in Sidakan|Party of Iranian Kurdistan|Iraq's far north|"
        "Iraq's north|Iran's north-west|Iran's northwest|northwest of Iran|north-western Iran|Northern Iraq|"
        "north Iraq|the western border strip|border zone|the north-western border towns|the joint borders|"
        "the frontiers between Iran|their frontier with Iraq|Iraq's semi autonomous Kurdish region|"
        "Iraq's northern Kurdistan Region|Iraq's autonomous Kurdish region|Kurdish region of Iraq|"
        "Iraqi Kurdish region|semi-autonomous Kurdistan region of northern Iraq|the shared border regions|"
        "common border cities|the border villages|Northwestern Iran|the Kurdish region of northern Iraq|"
        "northern of Iraq|northwestern of Iran"
    ).split("|")
]
SEPARATORS = [" ", " ", "  ", "\n", " \n ", "\t", ", ", ". ", " - ", "-", "'", "’", " — ", ",", ":", ""]


@st.composite
def pattern_texts(draw: st.DrawFn) -> str:
    parts = []
    for words in draw(st.lists(st.sampled_from(PHRASES), max_size=6)):
        for word in words:
            parts += [word, draw(st.sampled_from([" "] * len(SEPARATORS) + SEPARATORS))]
        parts.append(draw(st.sampled_from([" ", ". ", ", ", "\n\n", " and "])))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(pattern_texts())
def test_word_at_a_time_shortcuts_find_what_the_regexes_find(gaz: Gazetteer, text: str) -> None:
    """The plain path tries each pattern only where the automaton saw its words; that loses no match."""
    with _no_speedups():
        shortcut = mentions_from_text(text, gaz)
    assert shortcut == _regexes_only(text, gaz), text


def test_word_at_a_time_shortcuts_on_the_seeds_and_the_sample(gaz: Gazetteer, seeds_dir: Path) -> None:
    texts = [doc.text for p in sorted(seeds_dir.glob("*.txt")) for doc in read_file(p)]
    texts += [doc.text for doc in documents_from_paths([sample_corpus_path()])]
    for text in texts:
        with _no_speedups():
            assert mentions_from_text(text, gaz) == _regexes_only(text, gaz)
