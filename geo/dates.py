"""Dates of events: absolute and relative expressions, resolved against the article's publication date.

``"On September 10"`` is 10 September of the publication year (or of the year
before, when that would be in the future); ``"on Saturday"`` is the last
Saturday on or before publication; ``"last week"`` a date in the week before,
with week precision. Without a publication date, anything relative or
year-less stays unknown: it is kept as text, never guessed from today.

``time_precision`` follows ACLED: 1 day, 2 week, 3 month (or longer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.rules import dates as rules

__all__ = ["EventDate", "date_from_sentence", "find_date_phrases"]

# Compiled from their tables (geo.rules.dates).
MONTHS = {name: number for number, names in enumerate(rules.MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {day: number for number, day in enumerate(rules.WEEKDAYS)}
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx.replace("{month}", rules.MONTH_PATTERN), re.I if kind.startswith("rel") else 0))
    for kind, rx in rules.DATE_PATTERNS
)
_DAYS_BACK = rules.DAYS_BACK
_SPECIFICITY = rules.SPECIFICITY
_BACKGROUND = re.compile(rules.BACKGROUND, re.I)


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as precisely as the text allows.

    ``value`` is ISO: ``YYYY-MM-DD`` (day or week precision), ``YYYY-MM`` or
    ``YYYY``; None when unknown. ``text`` is the phrase it came from.
    """

    value: str | None
    precision: int | None
    text: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = EventDate(None, None, None)


@dataclass(frozen=True, slots=True)
class DatePhrase:
    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str | None]


def find_date_phrases(sentence: str) -> list[DatePhrase]:
    """Date expressions in a sentence, left to right, without overlaps (more specific wins)."""
    found = [
        DatePhrase(kind, m.start(), m.end(), m.group(0), m.groupdict())
        for kind, rx in _PATTERNS
        for m in rx.finditer(sentence)
    ]
    found.sort(key=lambda p: (_SPECIFICITY[p.kind], p.start))
    kept: list[DatePhrase] = []
    for phrase in found:
        if all(phrase.end <= k.start or phrase.start >= k.end for k in kept):
            kept.append(phrase)
    return sorted(kept, key=lambda p: p.start)


# Letters re.I matches to ASCII ones that str.lower() keeps apart ("tueſday" is Tuesday to re.I).
_CASE_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k"})


def _fold(word: str | None) -> str:
    """A matched word as the tables here spell it."""
    return (word or "").translate(_CASE_FOLD).lower()


def _month(value: str | None) -> int:
    return MONTHS[_fold(value).rstrip(".")]


def _past_year(month: int, day: int | None, published: date) -> int:
    """The year that puts a year-less month (and day) on or before publication."""
    probe = date(published.year, month, min(day or 1, 28))
    return published.year if probe <= published else published.year - 1


def resolve_phrase(phrase: DatePhrase, published: date | None) -> EventDate:
    """One phrase to an :class:`EventDate` (unknown when it needs a publication date it lacks)."""
    g = phrase.groups
    text = phrase.text
    try:
        if phrase.kind == "iso":
            return EventDate(date(int(g["year"] or 0), int(g["mnum"] or 0), int(g["day"] or 0)).isoformat(), 1, text)
        if phrase.kind in ("dmy", "mdy"):
            month, day = _month(g["month"]), int(g["day"] or 0)
            if g["year"]:
                return EventDate(date(int(g["year"]), month, day).isoformat(), 1, text)
            if published is None:
                return EventDate(None, None, text)
            return EventDate(date(_past_year(month, day, published), month, day).isoformat(), 1, text)
        if phrase.kind == "my":
            return EventDate(f"{int(g['year'] or 0):04d}-{_month(g['month']):02d}", 3, text)
        if phrase.kind == "month":
            if published is None:
                return EventDate(None, None, text)
            month = _month(g["month"])
            return EventDate(f"{_past_year(month, None, published):04d}-{month:02d}", 3, text)
        if phrase.kind == "year":
            return EventDate(f"{int(g['year'] or 0):04d}", 3, text)
    except (ValueError, KeyError):
        return EventDate(None, None, text)
    if published is None:
        return EventDate(None, None, text)
    word = " ".join(_fold(g.get("word")).split())
    if phrase.kind == "rel_weekday":
        back = (published.weekday() - WEEKDAYS[_fold(g["weekday"])]) % 7
        return EventDate((published - timedelta(days=back)).isoformat(), 1, text)
    if phrase.kind == "rel_day":
        back = _DAYS_BACK.get(word.removeprefix("the "), 0)
        return EventDate((published - timedelta(days=back)).isoformat(), 1, text)
    if phrase.kind == "rel_week":
        back = 7 if word in ("last week", "past week", "days ago") else 3
        return EventDate((published - timedelta(days=back)).isoformat(), 2, text)
    if phrase.kind == "rel_month":
        if word == "last month":
            first = published.replace(day=1) - timedelta(days=1)
            return EventDate(f"{first.year:04d}-{first.month:02d}", 3, text)
        return EventDate(f"{published.year:04d}-{published.month:02d}", 3, text)
    if phrase.kind == "rel_year":
        year = published.year - 1 if word == "last year" else published.year
        return EventDate(f"{year:04d}", 3, text)
    return EventDate(None, None, text)


def date_from_sentence(sentence: str, published: date | None, *, near: int | None = None) -> EventDate:
    """The date a sentence gives for its event, or unknown.

    With ``near`` (the trigger's offset), the phrase nearest the trigger wins;
    phrases in a background clause ("since ... 16 September", "ahead of the
    19 September deadline") are passed over.
    """
    phrases = [
        p for p in find_date_phrases(sentence) if not _BACKGROUND.search(sentence, max(0, p.start - 50), p.start)
    ]
    if not phrases:
        return UNKNOWN
    if near is None:
        phrases.sort(key=lambda p: _SPECIFICITY[p.kind])
    else:
        phrases.sort(key=lambda p: (min(abs(p.start - near), abs(p.end - near)), _SPECIFICITY[p.kind]))
    best = resolve_phrase(phrases[0], published)
    if best.known and published is not None and best.value and best.value[:10] > published.isoformat():
        return EventDate(None, None, best.text)  # an event cannot postdate its report: read it as a plan
    return best
