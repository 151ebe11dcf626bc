"""What a sentence reports, if anything: the event triggers of :mod:`geo.events`.

A sentence is read for a strike ("launched drone strikes"), a meeting ("met
with", "signed a memorandum") or a border-control change ("redeploy federal
guards", "closed the crossing"); a trigger in a threat, warning, denial,
demand, plan, habit or quotation is not an event.

Most sentences report nothing, and every pattern here is a case-insensitive
word pattern (``\\b(?:...)``), which Python's ``re`` scans slowly. So each is
searched in the lower-cased sentence, case-sensitive and without its leading
``\\b`` (``re`` then skips to the characters a match can start with), and the
word boundary is checked on each hit; a pattern whose words (:data:`_NEEDS`)
are absent is not searched at all. The matches are those of the plain
``re.I`` pattern: a sentence whose lower case could differ from what ``re.I``
compares (see :func:`_lowered`) is searched with the plain pattern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from geo.actors import ActorMention, actors_in
from geo.rules import events as rules

__all__ = ["Candidate", "candidates", "continued_strike", "sentence_actors"]

_WORD = re.compile(r"\w")
# Letters re.I matches to an ASCII letter that str.lower() does not map to it ("ſ" is "s" to re.I),
# or maps to two characters ("İ").
_CASE_TRICKY = frozenset("İıſK")


def _lowered(sentence: str) -> str | None:
    """The sentence in lower case, one character for one, or None when that would mislead."""
    if sentence.isascii() or _CASE_TRICKY.isdisjoint(sentence):
        return sentence.lower()
    return None


class _Words:
    """A case-insensitive pattern whose every alternative starts with ``\\b``, searched as the module says."""

    __slots__ = ("fast", "plain")

    def __init__(self, pattern: str) -> None:
        if not pattern.startswith(r"\b"):
            raise ValueError(f"not a word pattern: {pattern!r}")
        self.plain = re.compile(pattern, re.I)
        # letters in lower case, escapes (\W, \S, \B) left alone; the leading \b is checked by hand
        self.fast = re.compile(re.sub(r"(?<!\\)[A-Z]", lambda m: m.group(0).lower(), pattern[2:]))

    def search(self, sentence: str, lowered: str | None, end: int | None = None) -> re.Match[str] | None:
        """``re.compile(pattern, re.I).search(sentence, 0, end)``; a fast match's text is lower-cased."""
        end = len(sentence) if end is None else end
        if lowered is None:
            return self.plain.search(sentence, 0, end)
        pos = 0
        while match := self.fast.search(lowered, pos, end):
            start = match.start()
            if start == 0 or not _WORD.match(sentence, start - 1):
                return match
            pos = start + 1
        return None

    def finditer(self, sentence: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """``re.compile(pattern, re.I).finditer(sentence)`` (no pattern here matches the empty string)."""
        if lowered is None:
            yield from self.plain.finditer(sentence)
            return
        pos = 0
        while match := self.fast.search(lowered, pos):
            start = match.start()
            if start == 0 or not _WORD.match(sentence, start - 1):
                yield match
                pos = match.end()
            else:
                pos = start + 1


# The rules, compiled from their tables (geo.rules.events); this module knows no word of its own.
_WEAPONS = tuple((sub, _Words(pattern)) for sub, pattern in rules.WEAPONS)
_PARTIAL = _Words(rules.PARTIAL)
MIXED_STRIKE = rules.MIXED_STRIKE
_MIXED = rules.MIXED
UNSPECIFIED = rules.UNSPECIFIED
_STRIKE_VERB = _Words(rules.STRIKE_VERB)
_STRIKE_WORD = _Words(rules.STRIKE_WORD)
_TARGETING = _Words(rules.TARGETING)
_TARGET_REACH = rules.TARGET_REACH
_MEETING = tuple(
    (sub, re.compile(pattern) if sub in rules.CASE_SENSITIVE else _Words(pattern)) for sub, pattern in rules.MEETING
)
_BORDER = tuple((sub, _Words(pattern)) for sub, pattern in rules.BORDER)
_NEEDS = rules.NEEDS
_SIGNED = _Words(rules.SIGNED)
_NOT_EVENT = _Words(rules.NOT_EVENT)
_HABITUAL = _Words(rules.HABITUAL)
_RELATIVE = re.compile(rules.RELATIVE)
_AFTER_SPELL = re.compile(rules.AFTER_SPELL, re.I)
_SET_UP = re.compile(rules.SET_UP, re.I)
_DECIDED = _Words(rules.DECIDED)
_BACKGROUND = _Words(rules.BACKGROUND)
_QUOTES = re.compile(rules.QUOTES)
_INSPECTION = _Words(rules.INSPECTION)
_CONTINUES = _Words(rules.CONTINUES)


def joint_strike(first: str, second: str) -> str | None:
    """The sub-type of one strike two reports name with different weapons, when they make a mixed one."""
    return MIXED_STRIKE if any(pair <= {first, second} for pair in _MIXED) else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event a sentence reports: its type, sub-type, and where its trigger word starts."""

    event_type: str
    sub_event_type: str
    trigger_start: int
    trigger: str = ""  # the words that made it, shown in the event's notes so a reader can see why

    @property
    def rule(self) -> str:
        """The rule that fired and its words: "rule: border_control/crossing_closure on 'closed the crossing'"."""
        return f"rule: {self.event_type}/{self.sub_event_type} on {self.trigger!r}"


_SHOWN = 60  # characters of a trigger shown in an event's notes


def _words_of(sentence: str, match: re.Match[str]) -> str:
    """The sentence's own words of a trigger match (a fast match holds the lower-cased text)."""
    end = match.end()
    while sentence[end - 1].isalnum() and end < len(sentence) and sentence[end].isalnum():
        end += 1  # "visiting T" ends where its word does: "visiting Tehran"
    words = " ".join(sentence[match.start() : end].split())
    return words if len(words) <= _SHOWN else words[: _SHOWN - 1] + "…"


@functools.lru_cache(maxsize=64)
def sentence_actors(sentence: str) -> tuple[ActorMention, ...]:
    """The actors of a sentence, read once for its triggers and once for the event's actors."""
    return tuple(actors_in(sentence))


def _inside(spans: re.Pattern[str], sentence: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a match of ``spans`` (a quotation, a relative clause)."""
    return any(m.start() < pos < m.end() for m in spans.finditer(sentence))


def _decided_between(sentence: str, lowered: str | None, start: int, end: int) -> bool:
    """Whether a decision ("it was decided", "announced") is told between ``start`` and ``end``."""
    if end <= start:
        return False
    found = _DECIDED.search(sentence[start:end], None if lowered is None else lowered[start:end])
    return found is not None


def _negated(sentence: str, lowered: str | None, trigger: re.Match[str], *, allow_decided: bool = False) -> bool:
    """True when the trigger sits in a threat, warning, denial, demand, plan or habit.

    Words inside a quotation are what someone said, not what the report says
    happened: a trigger inside quotes is never an event, and cue words inside
    quotes do not negate a trigger outside them.
    """
    if _inside(_QUOTES, sentence, trigger.start()) or any(
        not _inside(_RELATIVE, sentence, habit.start()) and not _AFTER_SPELL.search(sentence, 0, habit.start())
        for habit in _HABITUAL.finditer(sentence, lowered)
    ):
        return True
    for cue in _NOT_EVENT.finditer(sentence, lowered):
        if _inside(_QUOTES, sentence, cue.start()):
            continue
        if (
            allow_decided
            and (cue.group(0).lower() in ("will", "would") or cue.group(0).lower().startswith("plan"))
            and _DECIDED.search(sentence, lowered, cue.start())
        ):
            continue  # "decided to establish a plan to redeploy", "announced plans to send": a decision taken
        if allow_decided and _decided_between(sentence, lowered, cue.end(), trigger.start()):
            continue  # "... must be ready, and it was decided that the crossing would open": a new clause
        if cue.start() < trigger.end() + 40:
            return True
    return False


# Each group of _NEEDS is one bit; a word sets the bits of the groups it is in.
_WORD_BITS: dict[str, int] = {}
_REQUIRED: dict[str, int] = {}
for _bit, (_sub, _group) in enumerate((sub, group) for sub, groups in _NEEDS.items() for group in groups):
    for _word in _group:
        _WORD_BITS[_word] = _WORD_BITS.get(_word, 0) | 1 << _bit
    _REQUIRED[_sub] = _REQUIRED.get(_sub, 0) | 1 << _bit


def _needs_present(lowered: str | None) -> int:
    """The bits of the _NEEDS groups the sentence has a word of (every bit when it is not lower-cased)."""
    if lowered is None:
        return -1
    present = 0
    for word, bits in _WORD_BITS.items():
        if word in lowered:
            present |= bits
    return present


def candidates(sentence: str) -> list[Candidate]:
    """The events one sentence reports: at most one border-control change, one meeting and one strike."""
    found: list[Candidate] = []
    lowered = _lowered(sentence)
    present = _needs_present(lowered)
    border = sorted(
        (m.start(), sub, m)
        for sub, words in _BORDER
        if present & _REQUIRED[sub] == _REQUIRED[sub]
        for m in [words.search(sentence, lowered)]
        if m
    )  # the earliest trigger is the sentence's own event; later ones refer back ("the agreement signed in March")
    for _, sub, match in border:
        if _negated(sentence, lowered, match, allow_decided=True):
            continue
        if sub == "security_agreement" and not (_SIGNED.search(sentence, lowered) or _SET_UP.match(match.group(0))):
            continue
        if sub == "crossing_closure" and _PARTIAL.search(sentence, lowered):
            sub = "crossing_restriction"  # closed to trade or exports only: a restriction
        found.append(Candidate("border_control", sub, match.start(), _words_of(sentence, match)))
        taken = match.span()
        break
    else:
        taken = (0, 0)
    for sub, pattern in _MEETING:
        if present & _REQUIRED[sub] != _REQUIRED[sub]:
            continue
        meeting = pattern.search(sentence) if isinstance(pattern, re.Pattern) else pattern.search(sentence, lowered)
        if meeting and sub == "official_visit" and _INSPECTION.search(sentence, lowered):
            continue  # a visit to a crossing or a camp is an inspection
        if meeting and sub == "committee_meeting" and taken[0] <= meeting.start() < taken[1]:
            continue  # words the border-control change is made of ("set up a joint committee") are not a meeting
        if meeting and not _negated(sentence, lowered, meeting):
            found.append(Candidate("meeting", sub, meeting.start(), _words_of(sentence, meeting)))
            break
    verb = _STRIKE_VERB.search(sentence, lowered)
    if verb is None or _BACKGROUND.search(sentence, lowered, verb.start()):
        return found  # no strike, or a reference back to strikes already reported
    weapons = sorted(
        ((m.start(), sub) for sub, words in _WEAPONS for m in [words.search(sentence, lowered)] if m),
        key=lambda t: t[0],
    )
    actors = [a for a in sentence_actors(sentence) if a.actor.kind in ("military", "armed_group")]
    if (weapons or actors) and not _negated(sentence, lowered, verb):
        military = any(a.actor.kind == "military" for a in actors)
        # without a weapon: an army attacked, or an armed group was the target ("targeting the main base of the KDPI")
        target = any(
            a.actor.kind == "armed_group" and 0 < a.start - m.end() <= _TARGET_REACH
            for m in _TARGETING.finditer(sentence, lowered)
            for a in actors
        )
        if weapons or (military and _STRIKE_WORD.search(sentence, lowered)) or target:
            named = {sub for _, sub in weapons}
            sub = MIXED_STRIKE if any(pair <= named for pair in _MIXED) else weapons[0][1] if weapons else UNSPECIFIED
            found.append(Candidate("strike", sub, verb.start(), _words_of(sentence, verb)))
    return found


def continued_strike(sentence: str, earlier: str) -> Candidate | None:
    """A sentence that goes on about an article's strike ("the attack hit three villages"), as a strike of
    the kind reported before (``earlier``); None when it does not, or only denies or plans."""
    lowered = _lowered(sentence)
    match = _CONTINUES.search(sentence, lowered)
    if match is None or _negated(sentence, lowered, match):
        return None
    return Candidate("strike", earlier, match.start(), _words_of(sentence, match))
