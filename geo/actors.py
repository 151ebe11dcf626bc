"""Who did what: a small curated list of the region's actors and their aliases (``data/actors.csv``).

Names follow ACLED's habit of naming the institution ("Government of Iraq",
"Military Forces of Iran") and the group ("PDKI", "Komala"); the aliases are
how English news refers to them.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ACTORS_FILE", "Actor", "ActorMention", "actor_named", "actors_in"]

ACTORS_FILE = Path(__file__).parent / "data" / "actors.csv"
TITLES_FILE = Path(__file__).parent / "data" / "actor_titles.csv"  # officials who stand for a government


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # military, government, armed_group, organisation
    country: str | None


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor: Actor
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, Actor]]:
    by_alias: dict[str, Actor] = {}
    with ACTORS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            actor = Actor(row["name"], row["kind"], row["country"] or None)
            for alias in [row["name"], *row["aliases"].split("|")]:
                by_alias.setdefault(alias.strip(), actor)
    aliases = sorted(by_alias, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a).replace("'", "['’]") for a in aliases) + r")(?![\w-])")
    folded = {a.replace("’", "'"): actor for a, actor in by_alias.items()}
    return rx, folded


@functools.lru_cache(maxsize=1)
def _titles() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for "<country word> ... <title>" and "<title> of <country>", and country word -> actor name."""
    countries: dict[str, str] = {}
    titles: list[str] = []
    subject_words: list[str] = []
    with TITLES_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            words = [w.strip() for w in row["words"].split("|") if w.strip()]
            if row["role"] in ("country", "subject"):
                countries.update((w.casefold().replace("’", "'"), row["actor"]) for w in words)
            if row["role"] == "subject":
                subject_words.extend(words)
            elif row["role"] == "title":
                titles.extend(words)

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))

    country, title = alternation(countries), alternation(titles)
    subjects = alternation(subject_words)
    rx = re.compile(
        rf"(?<![\w-])(?:(?P<country>{country})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{title})"
        rf"|(?:{title})\s+of\s+(?:the\s+)?(?P<of>{country})"
        # a country that did something ("Iraq has closed", "Iran and Iraq signed"): its government
        rf"|(?P<subject>(?-i:{subjects}))(?=\s+(?:(?:and|or)\s+\w+\s+)?(?:has|have|had)?\s*(?-i:[a-z]+ed)\b))(?![\w-])",
        re.I,
    )
    return rx, countries


def actors_in(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Actors named in ``text[start:end]``, left to right: listed aliases, then officials by title.

    An official named by title stands for the government ("Iraq's Prime Minister" is the Government
    of Iraq) where no listed alias covers the same words.
    """
    rx, by_alias = _pattern()
    stop = len(text) if end is None else end
    found = []
    for match in rx.finditer(text, start, stop):
        actor = by_alias.get(match.group(0).replace("’", "'"))
        if actor is not None:
            found.append(ActorMention(actor, match.start(), match.end()))
    titles, countries = _titles()
    for match in titles.finditer(text, start, stop):
        if any(m.start < match.end() and match.start() < m.end for m in found):
            continue
        word = (match.group("country") or match.group("of") or match.group("subject")).casefold().replace("’", "'")
        actor = by_alias.get(countries[word])
        if actor is not None:
            found.append(ActorMention(actor, match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    return found


def actor_named(name: str) -> Actor | None:
    """The actor an event names ("IRGC", "Military Forces of Iran"), if it is on the list."""
    return _pattern()[1].get(name.replace("’", "'"))
