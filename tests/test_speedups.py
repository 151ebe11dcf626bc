"""The compiled inner loops (geo/_speedups.pyx) give exactly what the pure-Python path gives.

The pure functions in geo.toponyms and geo.resolve are the reference. Each test runs the same text
both ways, with ``geo._lexicon.speedups`` set and then cleared, and compares every place: spans,
candidates, source, hints, the chosen entry, precision and the exact float confidence.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.extract import SWAPS, base_articles, build_corpus
from gazetteer import Gazetteer
from geo import _lexicon
from geo.documents import documents_from_paths, read_file, sample_corpus_path
from geo.resolve import Place, places_from_document, resolve_mentions
from geo.toponyms import Mention, mentions_from_text

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
    from geo import _lexicon, toponyms

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
        return _lexicon.generic_hints(word)

    lexicon = SimpleNamespace(**{**vars(_lexicon), "generic_hints": hints_and_read_another})
    SPEEDUPS.bind_toponyms(SimpleNamespace(**{**vars(toponyms), "_lexicon": lexicon}))
    try:
        armed = True
        found = mentions_from_text(outer, gaz)
    finally:
        SPEEDUPS.bind_toponyms(toponyms)
    assert nested, "the outer text no longer calls Python mid-way: find another way in"
    assert (found, nested[0]) == expected


def test_places_from_document_uses_it(gaz: Gazetteer) -> None:
    doc = next(documents_from_paths([sample_corpus_path()]))
    places = places_from_document(doc, gaz)
    assert len(places) > 5
    assert places == both_ways(doc.text, gaz, doc.id)[1]
    tricky = dataclasses.replace(doc, text=doc.text + "\nDıyarbakır")  # "ı": not plain, read by the pure path
    assert places_from_document(tricky, gaz) == both_ways(tricky.text, gaz, doc.id)[1]


WORDS = sorted(
    {w for group in SWAPS for w in group}
    | set(
        " in | near | at | outside | the | village of | and |, |. |\n| - |Minister |President |spokesman |Gen. "
        "|Party of |Democratic Party of Iranian Kurdistan|Kurdistan Regional Government|Iraq's |Iraq’s "
        "|semi-autonomous |Kurdistan region|northern |Iraq|Iran|border areas|the border with Iran"
        "|its frontiers with Iraq|governorates |provinces |PROVINCES |provínces |Governorates,|provincesx "
        "|Mosul|Babylon|Anbar province| Sidakan"
        "| Zrgwez|Koysanjaq|TEHRAN - |ERBIL, Kurdistan Region (Reuters) - |Baghdad, Aug 12: |al-|Qasim al-Araji|Van|now"
        "|’s |'s |north of |30 km south of |near Iraq's |Saman |Barzinji|Ⓐ|ı|İ|ſ|\u00a0|—"
        "|Kurdistan province|Hawler|Slemani|Penjwen|Haji Omaran|crossing".split("|")
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


UNKNOWN_PARTS = (
    " in | In | near | at | outside | around | towards | the | The |the village of |villages near |town of |city of "
    "|area of |areas around |district of |sub-district of |Sub-district of |subdistrict of |region of |camp at "
    "|camp of |base in |bases near |villages  in |villages of |villagess of |areas of |bases at |, |, and |,and | and "
    "| or |. |.\n|  |\t| |"
    "Zrgwez|Sidakan|Dolan|Barzinjiya|Koysanjaq|Koysar|Sidakaan|Koya|Qandil|zrgwez|dolan|Kurdish|Kurdiyan|Iranian"
    "|Iranshar|January|Januar|Saman "
    "|Barzinji|Minister |President | Regional Government| University| Times| village| district| province| camp"
    "| mountains| border crossing|al-|Haji Omaran|O’Neil|D'Arcy|Al-Koya|Dolan-|Zrgwez’s|in’|’|-|İ|ı|\u00a0|é|(|)"
).split("|")


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


NEAR_WORDS = (
    "near |outside |around |close to |on the outskirts of |30 km north of |north of |northwest of the town of "
    "|south-east of |km west of |Iraq's |Iran’s |, |, and | and | or |al-|el-|\n|  |Erbil|Koya|Sidakan|the|of"
    "|Northern |NEAR |ſouth of |İraq's |KM north of |x|-|’|'"
).split("|")


ORG_WORDS = (
    "Regional Government|Region Security Council|Regional  Security\nCouncil|Democratic Party|Workers' Party|"
    "Workers’ Party|Workers|Free Life Party|Freedom Party|Islamic Union|Islamic Group|Islamic Movement|Times|TV|"
    "News|Agency|24|240|Stock Exchange|University|Football|Club|Tribune|Post|Daily|Observer|Broadcasting|Press|"
    "Chronicle|Region|Regional|regional government|Kurdistan|Democratic|Islamic|Free|-| |  |\n|\t|\u00a0|,|'s|"
    "x|_|é|2"
).split("|")

LOCATIVE_WORDS = (
    "in|In|IN|near|at|from|to|of|around|outside|into|toward|towards|and|or|OR|İn|ın|ſo|xin|in_|tin|innear|"
    "Erbil|Koya| |  |\n|\t|\u00a0|,|-|'|é|x|_|2|            "
).split("|")

ORG_BEFORE_WORDS = (
    "Party|Union|Council|Bank|Ministry|Organisation|Organization|Organiration|Movement|Front|Association|Committee|"
    "Society|University|Agency|Federation|Alliance|Coalition|League|Authority|Commission|Broadcasting|Komala|"
    "Komalah|Parliament|Embassy|Consulate|Democratic Party|party|PARTY|Partyx|xParty|of|for|in|OF|off|the|The|Free|"
    "Life|Iranian|Iraqi|Iraqis|Kurdistan|Erbil|Party of |Council for the |Bank in Iraqi |Front of the Free Life of |"
    "Free Life of Iranian |of the | |  |\n|\t|\u00a0|" + " " * 20 + "|Party of" + " " * 60 + "|,|-|_|x|é|2"
).split("|")

PARTICLE_WORDS = (
    "al|Al|el|El|bin|ibn|Abu|AL|aL|abu|Bin|ali|alAraji|Araji|araji|Qasim| al-Araji| bin X|\tAbu\u00a0Z|Éric|X|Z|x|"
    "é|_|2|'|-| |  |\n|\t|\u00a0"
).split("|")

CAPITALISED_WORDS = (
    "Saman|Barzinji|Abd|Rahman|rahman| Saman| Abd-Rahman| Ab-c| Ab-Cd| Ab-|Ab-c|a-B|A|X|AB|ab|x|é|É|ı|_|2|'|-|--| |  |"
    "\n|\t|\u00a0"
).split("|")

GENERIC_WORDS = (
    "province|Province|PROVINCE|governorate|district|county|sub-district|subdistrict|sub--district|sub-|region|city|"
    "town|village|border crossing|border  gate|border\ncrossing|border|crossing|gate|camp|mountain|mountains|"
    "Mountains|mountainss|dıstrict|DİSTRICT|ſub-district|mountainſ|crossinG|cıty|\u212aoya|Koya| |  |\t|\n|\u00a0|"
    " province|\tCity| \tmountains| border crossing|x|_|é|2|-|s"
).split("|")


def _match_end(match: re.Match[str] | None, group: int = 0) -> int:
    return match.end(group) if match else -1


def _matchers() -> dict[str, tuple[list[str], int, Callable[[str, int], object], Callable[[str, int], object]]]:
    """Per C matcher: the words its texts are made of, how many, the C call and what the pure path computes."""
    from geo.toponyms import (
        _CAPITALISED_AFTER,
        _LOCATIVE_BEFORE,
        _NAME_PARTICLE_AFTER,
        _ORG_AFTER,
        _ORG_BEFORE,
        near_cue,
    )

    assert SPEEDUPS is not None
    return {
        "near_cue": (NEAR_WORDS, 14, SPEEDUPS.near, near_cue),  # "near Koya", "30 km north of Erbil"
        "org_after": (ORG_WORDS, 10, SPEEDUPS.org_after, lambda t, i: bool(_ORG_AFTER.match(t, i))),
        "locative_before": (  # "in Erbil", in the 12 characters before a name
            LOCATIVE_WORDS,
            10,
            SPEEDUPS.locative_before,
            lambda t, i: _LOCATIVE_BEFORE.search(t, max(0, i - 12), i) is not None,
        ),
        "org_before": (  # "Party of Iranian Kurdistan", in the 60 characters before a name
            ORG_BEFORE_WORDS,
            24,
            SPEEDUPS.org_before,
            lambda t, i: _ORG_BEFORE.search(t, max(0, i - 60), i) is not None,
        ),
        "name_particle_after": (  # "Qasim al-Araji"
            PARTICLE_WORDS,
            12,
            SPEEDUPS.name_particle_after,
            lambda t, i: bool(_NAME_PARTICLE_AFTER.match(t, i)),
        ),
        "capitalised_after": (  # "Saman Barzinji": where the word after ends
            CAPITALISED_WORDS,
            12,
            SPEEDUPS.capitalised_after,
            lambda t, i: _match_end(_CAPITALISED_AFTER.match(t, i), 1),
        ),
        "generic_after": (  # "Anbar province": where the generic word ends
            GENERIC_WORDS,
            12,
            SPEEDUPS.generic_end,
            lambda t, i: _match_end(_lexicon.GENERIC_AFTER.match(t, i)),
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "near_cue",
        "org_after",
        "locative_before",
        "org_before",
        "name_particle_after",
        "capitalised_after",
        "generic_after",
    ],
)
@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_each_pattern_matched_in_c_agrees_with_it_at_every_position(name: str, data: st.DataObject) -> None:
    """Each pattern the compiled loops match in C gives, at every position of generated text, what the pure
    path's call gives there (the same window for a search, the same end for a match)."""
    words, most, compiled, expected = _matchers()[name]
    text = "".join(data.draw(st.lists(st.sampled_from(words), max_size=most)))
    for index in range(len(text) + 1):
        assert compiled(text, index) == expected(text, index), (text, index)


DATELINE_PARTS = (
    "TEHRAN|ERBIL|NEW YORK|U.S.|O'NEIL|AL-QAIM|ERBIL, Kurdistan Region|Baghdad, Aug 12|Tehran, March 20|Baghdad|"
    "Mar 3, 2021|Sept. 9|Dec. 1 (AFP)|(Reuters)|(IANS)|(AP)|AP|APx|Kurdistan 24|Kurdistan24|News|2022|٢٠٢٢|²|"
    "MOSCOW (UrduPoint News / Sputnik - 29th August, 2022)|(a note longer than thirty characters, or sixty)|"
    "A|AB|Ab|É|é|x|ab|_|(|)|.|-|–|—|:|,|, | |  |\n|\n\n|\t|\u00a0|0|12|’|'|Iraqi forces said"
).split("|")


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(DATELINE_PARTS) | st.text(max_size=2), max_size=16))
def test_dateline_spans(parts: list[str]) -> None:
    """The compiled find_dateline (its three patterns matched in C, backtracking and all) finds the same spans."""
    from geo.toponyms import find_dateline

    assert SPEEDUPS is not None
    text = "".join(parts)
    match = find_dateline(text)
    assert SPEEDUPS.dateline_spans(text) == ((match.span(), match.span(1)) if match else None), text


def test_dateline_spans_of_the_corpus() -> None:
    from geo.toponyms import find_dateline

    assert SPEEDUPS is not None
    found = 0
    for article in build_corpus(0.5, seed=11):
        match = find_dateline(article.text)
        assert SPEEDUPS.dateline_spans(article.text) == ((match.span(), match.span(1)) if match else None)
        found += match is not None
    assert found > 100


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


def test_compiled_loops_out_of_date_with_the_rules_say_so() -> None:
    """geo._speedups checks, when geo.toponyms binds it, the facts about the rules it relies on."""
    import types

    from geo import toponyms

    assert SPEEDUPS is not None
    changed = types.SimpleNamespace(**vars(toponyms))
    changed.CONTEXT_WORDS = tuple(reversed(toponyms.CONTEXT_WORDS))
    with pytest.raises(ImportError, match=r"out of date .* rebuild it"):
        SPEEDUPS.bind_toponyms(changed)
    # a pattern the C matches on its own, written differently in the Python module
    changed = types.SimpleNamespace(**vars(toponyms))
    changed._NEAR = re.compile(toponyms._NEAR.pattern.replace("near|", "near|beside|"), toponyms._NEAR.flags)
    with pytest.raises(ImportError, match=r"matches _NEAR as it was"):
        SPEEDUPS.bind_toponyms(changed)
    for name in ("_DATELINE", "_DATED_DATELINE", "_AGENCY_DATELINE"):
        rx = getattr(toponyms, name)
        changed = types.SimpleNamespace(**vars(toponyms))
        setattr(changed, name, re.compile(rx.pattern.replace("{0,2}", "{0,3}"), rx.flags))
        with pytest.raises(ImportError, match=rf"matches {name} as it was"):
            SPEEDUPS.bind_toponyms(changed)
    for name in ("_ORG_BEFORE", "_NAME_PARTICLE_AFTER", "_CAPITALISED_AFTER"):
        rx = getattr(toponyms, name)
        changed = types.SimpleNamespace(**vars(toponyms))
        setattr(changed, name, re.compile(rx.pattern.replace("+", "*", 1), rx.flags))
        with pytest.raises(ImportError, match=rf"matches {name} as it was"):
            SPEEDUPS.bind_toponyms(changed)
    changed = types.SimpleNamespace(**vars(toponyms))
    changed._lexicon = types.SimpleNamespace(**vars(_lexicon))
    changed._lexicon.GENERIC_AFTER = re.compile(_lexicon.GENERIC_AFTER.pattern.replace("city|", ""), re.I)
    with pytest.raises(ImportError, match=r"matches GENERIC_AFTER as it was, not as geo._lexicon"):
        SPEEDUPS.bind_toponyms(changed)


def test_unknown_name_folding_out_of_date_says_so() -> None:
    """geo._speedups folds unknown names (for near_miss) itself, as geo._lexicon.fold_text did when it was written."""
    import types

    from geo import toponyms

    assert SPEEDUPS is not None
    changed = types.SimpleNamespace(**vars(toponyms))
    changed.fold_text = lambda text: toponyms.fold_text(text).replace("'", "’")
    with pytest.raises(ImportError, match=r"folds .* as geo._lexicon.fold_text did"):
        SPEEDUPS.bind_toponyms(changed)


TITLE_PARTS = (
    "President|president|PRESIDENT|Prime Minister|minister|Mr|Mr.|Mrs.|Mrs|Ms|Dr.|Col.|Col|Gen.|Gen|spokesman"
    "|Spokeswoman|spokes|Advisor|adviser|advisr|Head|Sheikh|, |,| |  |\n|\t|\u00a0|.|al-|al |Al |El-|el |bin |ibn-"
    "|Abu |Abdul |Abdul|de |Ali|Masoud|Pezeshkian|Shia|Sudani|X|ali|said|met|1|42|’|'|-|_|Éric|é|ñ|Ö|ı|İ|ſ|\u212a"
).split("|")


def title_starts(text: str) -> list[tuple[int, str]]:
    """Every (start, title word) where the folded text holds the word, bounded or not, as the scanner's list is."""
    from geo.toponyms import _TITLE_AT, fold_text

    folded = fold_text(text)
    return sorted((i, word) for i in range(len(text)) for word in _TITLE_AT if folded.startswith(word, i))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TITLE_PARTS), max_size=24))
def test_titles_at_every_position(parts: list[str]) -> None:
    """Each title's pattern matched in C (title_at) matches where and as far as geo.toponyms._TITLE_AT's does."""
    from geo.toponyms import _TITLE_AT

    assert SPEEDUPS is not None
    text = "".join(parts)
    for start in range(len(text) + 1):
        first = text[start : start + 1].lower()
        for word, rx in _TITLE_AT.items():
            if word[0] == first or word == "mr":
                match = rx.match(text, start)
                expected = (match.end(), *match.span(1)) if match else None
                assert SPEEDUPS.title_at(text, start, word) == expected, (text, start, word)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TITLE_PARTS), max_size=24))
def test_people_after_titles(parts: list[str]) -> None:
    """The names after titles and their words, from the compiled matcher and from the patterns."""
    from geo.toponyms import _person_spans, _titles_at

    assert SPEEDUPS is not None
    text = "".join(parts)
    titles = title_starts(text)
    assert SPEEDUPS.persons(text, titles) == _person_spans(text, _titles_at(text, titles)), text


def test_titles_out_of_date_with_the_rules_say_so() -> None:
    """The C reads its titles off geo.toponyms._TITLES, checks them against _TITLE_AT, refuses forms it cannot match."""
    import types

    from geo import toponyms

    assert SPEEDUPS is not None

    def bind(titles: tuple[tuple[str, str], ...], rebuild: bool = True) -> None:
        changed = types.SimpleNamespace(**vars(toponyms))
        changed._TITLES = titles
        if rebuild:
            changed._TITLE_AT = {
                word: re.compile(r"\b(?:" + rx + ")" + toponyms._PERSON_NAME)
                for rx, words in titles
                for word in words.split()
            }
        SPEEDUPS.bind_toponyms(changed)

    with pytest.raises(ImportError, match=r"matches the title 'minister' as _TITLE_AT was"):
        bind((("[Mm]inisters?", "minister"), *toponyms._TITLES[1:]), rebuild=False)
    for rx in (r"Lt\.?\s*Col", "[Mm]r?s", "(?:Sen|Senator)", "Sen(?:ator)?", r"\.Com", "[A-Z]r"):
        with pytest.raises(ImportError, match=r"cannot match the title"):
            bind(((rx, "extra"), *toponyms._TITLES))
    try:
        bind((("[Mm]inisters?", "minister"), *toponyms._TITLES[1:]))  # a form it reads
        assert SPEEDUPS.title_at("Ministers Ali", 0, "minister") == (13, 10, 13)
    finally:
        SPEEDUPS.bind_toponyms(toponyms)
    assert SPEEDUPS.title_at("Ministers Ali", 0, "minister") is None
