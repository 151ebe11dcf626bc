"""The compiled inner loops (geo/_speedups.pyx) give exactly what the pure-Python path gives.

The pure functions in geo.toponyms and geo.resolve are the reference. Each test runs the same text
both ways, with ``geo._lexicon.speedups`` set and then cleared, and compares every place: spans,
candidates, source, hints, the chosen entry, precision and the exact float confidence.
"""

from __future__ import annotations

import dataclasses
import os
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.extract import SWAPS, base_articles, build_corpus
from gazetteer import Gazetteer
from geo import _lexicon
from geo.documents import documents_from_paths, read_file, sample_corpus_path
from geo.model import Mention, Place
from geo.resolve import places_from_document, resolve_mentions
from geo.toponyms import mentions_from_text

SPEEDUPS = _lexicon.speedups
pytestmark = pytest.mark.skipif(
    SPEEDUPS is None and bool(os.environ.get("BORDERLENS_PURE_PYTHON")),
    reason="BORDERLENS_PURE_PYTHON is set: only the pure path runs",
)


def test_the_compiled_path_is_built() -> None:
    """``pip install`` builds geo._speedups (setup.py); without it reading articles is about four times slower."""
    assert SPEEDUPS is not None, "geo._speedups is not built: pip install -e . needs Cython and a C compiler"


def both_ways(text: str, gaz: Gazetteer, doc_id: str = "d") -> tuple[list[Place], list[Place]]:
    """Places of ``text`` from the compiled path, then from the pure path."""
    assert SPEEDUPS is not None
    fast = resolve_mentions(text, mentions_from_text(text, gaz, doc_id=doc_id), gaz)
    _lexicon.speedups = None
    try:
        slow = resolve_mentions(text, mentions_from_text(text, gaz, doc_id=doc_id), gaz)
    finally:
        _lexicon.speedups = SPEEDUPS
    return fast, slow


def assert_same(text: str, gaz: Gazetteer) -> None:
    fast, slow = both_ways(text, gaz)
    assert fast == slow, text[:200]
    # == on floats: the confidences are bit for bit the same
    assert [p.confidence.hex() for p in fast] == [p.confidence.hex() for p in slow]


def test_scanner_reports_what_the_automaton_reports(gaz: Gazetteer) -> None:
    lexicon = _lexicon.for_gazetteer(gaz)
    assert lexicon.scanner is not None
    for article in base_articles():
        spaced, _ = _lexicon.spaced_text(article.text)
        expected = sorted(
            (last - value.back, value.back, id(value))
            for last, value in lexicon.matcher.iter(spaced)
            if isinstance(value, _lexicon.MatchValue)
        )
        got = [(start, value.back, id(value)) for start, value in lexicon.scanner.hits(spaced)]
        assert got == expected
        assert len(got) > 20


def test_seed_articles(gaz: Gazetteer, seeds_dir: Path) -> None:
    texts = [doc.text for path in sorted(seeds_dir.iterdir()) if path.is_file() for doc in read_file(path)]
    assert len(texts) == 5
    for text in texts:
        assert_same(text, gaz)


def test_sample_corpus(gaz: Gazetteer) -> None:
    docs = list(documents_from_paths([sample_corpus_path()]))
    assert len(docs) >= 10
    for doc in docs:
        assert_same(doc.text, gaz)


def test_benchmark_corpus(gaz: Gazetteer) -> None:
    """Half a megabyte of the benchmark's corpus: reordered paragraphs and sentences, swapped spellings."""
    for article in build_corpus(0.5, seed=11):
        assert_same(article.text, gaz)


def test_a_text_read_while_another_is_under_way(gaz: Gazetteer) -> None:
    """mentions_plain keeps its arrays from one text to the next; a call made while another is under way
    (from a thread that took over at one of its Python calls) must use arrays of its own."""
    from geo import _rulebook, toponyms

    assert SPEEDUPS is not None
    outer = "Clashes in Anbar province and in Erbil, Sulaymaniyah and Koya on Monday, then Sidakan."
    inner = "TEHRAN - Officials in Mosul, Kirkuk and Baghdad met the governor of Kurdistan province in Sanandaj."
    expected = (mentions_from_text(outer, gaz), mentions_from_text(inner, gaz))
    nested: list[list[Mention]] = []
    armed = False

    def hints_and_read_another(word: str) -> tuple[str, ...]:  # "Anbar province": mid-way through the outer text
        nonlocal armed
        if armed:
            armed = False
            nested.append(mentions_from_text(inner, gaz))
        return _rulebook.generic_hints(word)

    rulebook = SimpleNamespace(**{**vars(_rulebook), "generic_hints": hints_and_read_another})
    SPEEDUPS.bind_toponyms(SimpleNamespace(**{**vars(toponyms), "_rulebook": rulebook}), _rulebook.RULES)
    try:
        armed = True
        found = mentions_from_text(outer, gaz)
    finally:
        SPEEDUPS.bind_toponyms(toponyms, _rulebook.RULES)
    assert nested, "the outer text no longer calls Python mid-way: find another way in"
    assert (found, nested[0]) == expected


def test_places_from_document_uses_it(gaz: Gazetteer) -> None:
    doc = next(documents_from_paths([sample_corpus_path()]))
    places = places_from_document(doc, gaz)
    assert len(places) > 5
    from geo.villages import support_villages  # the villages pass runs after resolution, in Python either way

    assert places == support_villages(doc.text, both_ways(doc.text, gaz, doc.id)[1], gaz)
    tricky = dataclasses.replace(doc, text=doc.text + "\nDıyarbakır")  # "ı": not plain, read by the pure path
    assert places_from_document(tricky, gaz) == support_villages(
        tricky.text, both_ways(tricky.text, gaz, doc.id)[1], gaz
    )


def _rule_words() -> set[str]:
    """The words and phrases of the rule tables (geo.rules), each with a space after: the fuzz texts' vocabulary."""
    from geo.rules import areas, names, near, people, unknown

    phrases = {
        *names.ORG_AFTER,
        *names.ORG_HEADS,
        *names.ORG_LINKS,
        *names.NAME_PARTICLES,
        *names.LOCATIVES,
        *names.GENERIC_WORDS,
        *people.FIRST_NAME_PARTICLES,
        *unknown.UNKNOWN_PLACE_CUES,
        *near.NEAR_PHRASES,
        *near.DIRECTIONS,
        *near.NEAR_COUNTRIES,
        near.OF,
        *near.LIST_MARKS,
        *near.LIST_WORDS,
        *near.LIST_PREFIXES,
        *names.POSSESSIVES,
        *areas.LIST_CUE_WORDS,
        *areas.AREA_PARTS,
        names.ARTICLE,
        *(group for groups in names.ORG_OPTIONAL for group in groups),
        *(word for _, words in people.TITLES for word in words.split()),
    }
    return {f"{p} " for p in phrases} | {f"{p.title()} " for p in phrases} | {f"{p.upper()} " for p in phrases}


# Rule words, place names (bench.extract's spellings), separators, and characters the fast path must not misread.
WORDS = sorted(
    _rule_words()
    | {w for group in SWAPS for w in group}
    | set(
        "|, |. |\n| - |'s |’s |al-|el-|Iraq's |Iraq’s |semi-autonomous |Qasim |Saman |Barzinji|Zrgwez|Koysanjaq"
        "|TEHRAN - |ERBIL, Kurdistan Region (Reuters) - |Baghdad, Aug 12: |30 km |Van|now|Ⓐ|ı|İ|ſ|\u00a0|—|x|é".split(
            "|"
        )
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_token_soups(gaz: Gazetteer, parts: list[str]) -> None:
    assert_same("".join(parts), gaz)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text(gaz: Gazetteer, text: str) -> None:
    assert_same(text, gaz)


def test_mutated_articles(gaz: Gazetteer) -> None:
    """Seeded mutations of the base articles: case changes, separators, dotless i, Arabic script."""
    rng = random.Random(7)
    inserts = ["ı", "İ", "ſ", "’", "-", "\u00a0", "  ", "\n\n", "اربيل", "Ⓐ", ",", "."]
    for article in base_articles():
        for _ in range(6):
            chars = list(article.text)
            for _ in range(rng.randint(1, 30)):
                i = rng.randrange(len(chars))
                op = rng.random()
                if op < 0.4:
                    chars[i] = chars[i].swapcase()
                elif op < 0.8:
                    chars.insert(i, rng.choice(inserts))
                else:
                    del chars[i]
            assert_same("".join(chars), gaz)


# Rule words, names the gazetteer lacks and near misses of names it has, separators and tricky characters.
UNKNOWN_PARTS = sorted(
    _rule_words()
    | set(
        "|, |, and |,and | and | or |. |.\n|  |\t| |Zrgwez|Sidakan|Dolan|Barzinjiya|Koysanjaq|Koysar|Sidakaan|Koya"
        "|Qandil|zrgwez|dolan|Kurdish|Kurdiyan|Iranian|Iranshar|January|Januar|Saman |Barzinji|Haji Omaran|O’Neil"
        "|D'Arcy|Al-Koya|Dolan-|Zrgwez’s|in’|’|-|İ|ı|\u00a0|é|(|)".split("|")
    )
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(UNKNOWN_PARTS), max_size=40), st.booleans())
def test_unknown_names(gaz: Gazetteer, parts: list[str], repeated: bool) -> None:
    """Names the gazetteer lacks, in place position: repeated, listed ("in Dolan, Zrgwez and Sidakan"), written
    in lower case too, before organisation or generic words, after people's titles; ``repeated``: after many
    sentences naming one of them."""
    text = "".join(parts)
    if repeated:
        text = "Reports came from the villages near Dolan. " * 70 + text
    assert_same(text, gaz)


def test_unknown_names_in_a_long_text(gaz: Gazetteer) -> None:
    """Every base article in one text: the names each one's words take, and the ones they turn down, all at once."""
    text = "\n\n".join(article.text for article in base_articles())
    assert text.count(" in ") > 100
    assert_same(text, gaz)


# The tables' phrases cut into words, to be joined by any separator: the compiled looks read phrases word by
# word in the spaced text, the patterns want their own separators.
PHRASE_PARTS = sorted(
    {w for p in _rule_words() for w in p.split()}
    | set("| |  |-|\n|\t|, |. |’|'|Erbil|Koya|Penjwen|Zrgwez|Dolan|Sidakan|Rasul|The|the|ſ|é".split("|"))
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PHRASE_PARTS), max_size=40))
def test_phrase_soups(gaz: Gazetteer, parts: list[str]) -> None:
    """Phrase words with any separators between (and none): what the looks pass and the patterns turn down."""
    assert_same("".join(parts), gaz)


# The near phrases and what the words around a place can be, the things the near and area cues read.
CUE_PARTS = sorted(
    _rule_words()
    | set("|, |,| and | or |  |\t|\n| |Erbil|Koya|Zrgwez|km |30 |northwest |'s |’s |s |Iraq|ſ|İ|ı|é|-|x".split("|"))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_PARTS), max_size=30))
def test_near_cue_at_every_position(parts: list[str]) -> None:
    """The compiled near cue (its patterns called only where the tables say they can end) is geo._cues.near_cue."""
    from geo._cues import near_cue

    assert SPEEDUPS is not None
    text = "".join(parts)
    starts = list(range(len(text) + 1))
    expected = [near_cue(text, start) for start in starts]
    assert SPEEDUPS.near_cues(text, starts) == expected, text  # the steps kept from each start to the next
    assert SPEEDUPS.near_cues(text, starts[::-1]) == expected[::-1], text
    for start in starts:
        assert SPEEDUPS.near_cues(text, [start]) == [expected[start]], (text, start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_PARTS), max_size=30))
def test_area_look_skips_only_what_cannot_name_an_area(parts: list[str]) -> None:
    """Where the compiled look says no, geo.resolve._names_an_area says no too."""
    from geo.resolve import _names_an_area

    assert SPEEDUPS is not None
    text = "".join(parts)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            mention = Mention("d", start, end, text[start:end], (), "name")
            if _names_an_area(text, mention):
                assert SPEEDUPS.may_name_area(text, start, end), (text, start, end)


def test_near_miss_filter_finds_what_comparing_all_names_finds(gaz: Gazetteer) -> None:
    """geo._lexicon.near_miss compares only the names that could reach the cutoff: same answers as all of them."""
    from rapidfuzz import fuzz, process

    lexicon = _lexicon.for_gazetteer(gaz)
    keys = lexicon.fuzzy_keys
    rng = random.Random(5)
    queries = ["koysanjaq", "sidakaan", "zrgweez", "barzinjiya", "washington", "كويه سنجق", "x" * 40]
    for key in rng.sample(keys, 400):
        chars = list(key)
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(chars))
            op = rng.random()
            if op < 0.3:
                chars[i] = rng.choice("aeiouqkxyzé '")
            elif op < 0.6:
                chars.insert(i, rng.choice("aeioun'"))
            elif len(chars) > 5:
                del chars[i]
        queries.append("".join(chars))
    found = 0
    for query in queries:
        best = process.extractOne(query, keys, scorer=fuzz.ratio, score_cutoff=_lexicon.FUZZY_CUTOFF)
        expected = lexicon.entries[best[0]].ids if best and len(query) >= 5 else ()
        assert _lexicon.near_miss(lexicon, query) == expected, query
        found += bool(expected)
    assert found > 200


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | st.sampled_from(["", "Erbil’s “Koya” —\u00a0ı İ ſ Ⓐ \ud800 \U0001f600 اربيل"]))
def test_spaced_text(text: str) -> None:
    assert SPEEDUPS is not None
    fast = _lexicon.spaced_text(text)
    _lexicon.speedups = None
    try:
        slow = _lexicon.spaced_text(text)
    finally:
        _lexicon.speedups = SPEEDUPS
    assert fast == slow


def test_pure_python_install_gives_the_same_places(gaz: Gazetteer) -> None:
    """A process without the compiled loops (BORDERLENS_PURE_PYTHON=1, as on a machine with no C compiler)
    reads the sample corpus to the same places, and says it runs pure Python."""
    import json
    import subprocess
    import sys

    script = (
        "import json; from geo import _lexicon; from geo.documents import documents_from_paths, sample_corpus_path;"
        "from geo.resolve import places_from_document;"
        "print(json.dumps([_lexicon.speedups is None, [[p.mention.surface, p.mention.start, p.place_id, p.precision,"
        " p.confidence.hex()] for d in documents_from_paths([sample_corpus_path()])"
        " for p in places_from_document(d)]]))"
    )
    env = {**os.environ, "BORDERLENS_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    pure, places = json.loads(out.stdout)
    assert pure is True
    here = [
        [p.mention.surface, p.mention.start, p.place_id, p.precision, p.confidence.hex()]
        for d in documents_from_paths([sample_corpus_path()])
        for p in places_from_document(d, gaz)
    ]
    assert len(here) > 100
    assert places == here
