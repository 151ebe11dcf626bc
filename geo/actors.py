"""Who did what: a small curated list of the region's actors and their aliases (``data/actors.csv``).

Names follow ACLED's habit of naming the institution ("Government of Iraq",
"Military Forces of Iran") and the group ("PDKI", "Komala"); the aliases are
how English news refers to them.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ACTORS_FILE", "Actor", "ActorMention", "actor_named", "actors_in"]

ACTORS_FILE = Path(__file__).parent / "data" / "actors.csv"


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


def actors_in(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Actors named in ``text[start:end]``, left to right, longest alias first."""
    rx, by_alias = _pattern()
    found = []
    for match in rx.finditer(text, start, len(text) if end is None else end):
        actor = by_alias.get(match.group(0).replace("’", "'"))
        if actor is not None:
            found.append(ActorMention(actor, match.start(), match.end()))
    return found


def actor_named(name: str) -> Actor | None:
    """The actor an event names ("IRGC", "Military Forces of Iran"), if it is on the list."""
    return _pattern()[1].get(name.replace("’", "'"))
