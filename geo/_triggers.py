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

__all__ = ["Candidate", "candidates", "sentence_actors"]

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


# A strike's sub-type by the weapon its sentence names first; drones beside missiles or rockets make
# MIXED_STRIKE, a sentence naming no weapon UNSPECIFIED.
_WEAPONS = (
    ("drone_strike", _Words(r"\b(?:drones?|UAVs?|unmanned aerial)\b")),
    ("missile_strike", _Words(r"\b(?:missiles?|ballistic)\b")),
    ("rocket_strike", _Words(r"\b(?:rockets?|rocket launchers?|Katyushas?)\b")),
    ("artillery", _Words(r"\b(?:artillery|howitzers?|mortars?|shell(?:ed|ing|s)|bombard(?:ed|ment|ing))\b")),
    (
        "airstrike",
        _Words(r"\b(?:air ?strikes?|aerial (?:raids?|attacks?|bombardment|strikes?)|warplanes?|fighter jets?)\b"),
    ),
)
# Goods and trade: a crossing closed or suspended for these only is restricted, not closed.
_PARTIAL = _Words(r"\b(?:exports?|imports?|commercial|trade|goods|cargo|trucks|freight)\b")
MIXED_STRIKE = "missile_and_drone_strike"
_MIXED = ({"drone_strike", "missile_strike"}, {"drone_strike", "rocket_strike"})
UNSPECIFIED = "unspecified"


def joint_strike(first: str, second: str) -> str | None:
    """The sub-type of one strike two reports name with different weapons, when they make a mixed one."""
    return MIXED_STRIKE if any(pair <= {first, second} for pair in _MIXED) else None


_STRIKE_VERB = _Words(
    r"\b(?:struck|strikes?|striking|attack(?:ed|s)?|target(?:ed|ing)?|hit|hammered|pounded|raids?|bombed|"
    r"shelled|shelling|launched|used|fired|killed|destroyed|operations?\s+against|offensive)\b"
)
_STRIKE_WORD = _Words(r"\b(?:attack|strike|struck|hammered|pounded|raids?\b)")
# An armed group named just after these words was the target ("targeting the main base of the KDPI").
_TARGETING = _Words(r"\b(?:target(?:ed|ing|s)?|attack(?:ed|ing)?|struck|hit|bombed|shelled|pounded)\b")
_TARGET_REACH = 50
# Visits are told by capitals ("visited Baghdad"), so that pattern is not case-insensitive.
_VISIT = re.compile(
    r"\b(?:[Vv]isit(?:ed|ing|s)\s+(?:[A-Z]|the\s+[A-Z])|[Vv]isit\s+to\b|[Aa]rriv(?:ed|es|ing)\s+(?:(?:on|early|late|this|today|yesterday|\w+day)\s+){0,3}in\b|"
    r"[Tt]rip\s+to\b|[Rr]eceived\s+(?:a|an|the)\s+(?:\w+\s+){0,3}delegation)"
)
_MEETING: tuple[tuple[str, _Words | re.Pattern[str]], ...] = (
    ("phone_call", _Words(r"\b(?:phone call|telephone (?:call|conversation)|phoned)\b")),
    # a press conference is where a meeting's news was told, not a meeting of its own
    ("conference", _Words(r"\b(?:(?<!press\s)(?<!news\s)conference|summit|forum|symposium)\b")),
    (
        "committee_meeting",
        _Words(
            r"\b(?:joint\s+(?:security\s+|border\s+)?(?:committee|commission)\b|"
            r"(?:attended|held|hold|holds|chaired|convened)\s+(?:a|an|the|its)?\s*(?:[\w-]+\s+){0,4}meetings?\b|"
            r"meetings?\s+(?:[\w-]+\s+){0,6}(?:was|were)\s+(?:also\s+)?(?:held|convened))"
        ),
    ),
    ("official_visit", _VISIT),
    (
        "talks",
        _Words(
            r"\b(?:met\s+(?:with\s+)?|meets\s+(?:with\s+)?|meeting\s+with|held\s+talks|talks\s+with|discussed\s+with|hosted|"
            r"(?:held|engaged\s+in)\s+(?:\w+\s+){0,2}(?:discussions|consultations)|convened\s+with|conferred\s+with|"
            r"(?:was|were)\s+received\s+by|welcomed\s+(?:the\s+)?(?:visiting|\w+\s+(?:delegation|minister|president))|"
            r"(?:official\s+)?reception\s+(?:ceremony\s+)?(?:in|for|at))\b"
        ),
    ),
    (
        "agreement_signing",
        _Words(
            r"\bsign(?:ed|ing|s)?\b.{0,60}\b(?:agreement|memorandum|deal|accord|MoU)\b"
            r"|\b(?:agreement|memorandum|deal|accord|MoU)\b.{0,40}\b(?:was|were|been)\s+(?:jointly\s+)?signed\b"
        ),
    ),
)
_BORDER = (
    (
        "security_agreement",
        _Words(
            r"\b(?:borders?|security)\b.{0,60}\b(?:agreement|pact|accord|deal|memorandum|MoU)\b"
            r"|\b(?:agreement|pact|accord|deal|memorandum|MoU)\b.{0,100}\b(?:borders?|security)\b"
            r"|\b(?:it\s+was|they|two\s+sides|both\s+sides)\s+agreed\s+to\b.{0,100}\bborders?\b"
            # a joint committee set up is an agreement on a mechanism; its sessions are meetings
            r"|\b(?:set\s+up|form(?:ed|ing)?|establish(?:ed|ing)?|creat(?:e|ed|ing))\s+(?:a\s+|the\s+)?joint\s+"
            r"(?:security\s+|border\s+)?(?:committee|commission)\b"
        ),
    ),
    (
        "guard_deployment",
        _Words(
            r"\b(?:redeploy\w*|deploy\w*|reinforc\w*|station\w*|sent|send(?:s|ing)?)\b.{0,60}\b(?:guards?|troops|forces|units)\b"
            r".{0,60}\bborders?\b|\bborder guards?\b.{0,60}\b(?:deploy\w*|redeploy\w*|took over|reinforc\w*)"
        ),
    ),
    (
        "crossing_opening",
        _Words(
            r"\b(?:reopen\w*|re-open\w*|resum(?:e|ed|es|ing|ption)|open(?:ed|ing)?|lift(?:ed|ing)?\s+(?:the\s+)?(?:ban|closure))\b"
            r".{0,60}\b(?:crossings?|border (?:gates?|posts?|points?|markets?|terminals?)|border)\b"
            r"|\b(?:crossings?|border (?:gates?|points?|markets?|terminals?))\b.{0,50}"
            r"\b(?:reopen\w*|re-open\w*|resum(?:e|ed|es|ing|ption)|(?:be|was|were|is|are|remain(?:s|ed)?)\s+open(?:ed)?)\b"
        ),
    ),
    (
        "crossing_closure",
        _Words(
            r"\b(?:clos(?:ed|es|ing|ure)|shut|suspend\w*|suspension|block(?:ed|s|ing)?|halt(?:ed|s|ing)?|seal(?:ed|s|ing)?)\b.{0,60}"
            r"\b(?:crossings?|border (?:gates?|posts?|points?|markets?|terminals?)|border)\b"
            r"|\b(?:crossings?|border (?:gates?|points?|markets?|terminals?))\b.{0,40}"
            r"\b(?:clos(?:ed|ure)|suspend\w*|block(?:ed)?|halted|sealed)"
        ),
    ),
    (
        "entry_restriction",
        _Words(
            r"\b(?:suspend\w*|halt\w*|stop\w*|ban\w*)\s+(?:the\s+)?(?:issu(?:ing|ance\s+of)\s+)?(?:visas?|entry)\b"
            r"|\b(?:prevent\w*|bar(?:red|s|ring)?|ban(?:ned|s|ning)?)\s+(?:\w+\s+){0,3}(?:from\s+entering|entry)\b"
            r"|\bentry\s+ban\b"
        ),
    ),
    (
        "relocation_of_armed_groups",
        _Words(
            r"\b(?:relocat\w*|disarm(?:ed|ing|ament)|(?:moved|transferred)\s+(?:them|the\s+\w+|\w+\s+groups?))\b"
            r".{0,80}\b(?:groups?|fighters|opposition|camps?|border)\b"
            # evacuated: armed groups' sites, not people fleeing ("the evacuation of refugee camps")
            r"|\bevacuat(?:ed|ion)\b.{0,40}\b(?:groups?|fighters|opposition|headquarters|bases|parties)\b"
            r"|\b(?:groups?|fighters|parties|headquarters|bases)\b.{0,80}\b(?:were|was|been)\s+(?:relocated|evacuated|disarmed)\b"
        ),
    ),
)
# Words each border or meeting pattern cannot match without (one word of each group, in the lower-cased
# sentence); a sentence without them is not searched with that pattern.
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "security_agreement": (("agreement", "pact", "accord", "deal", "memorandum", "mou", "agreed", "joint"),),
    "guard_deployment": (("border",), ("guard", "troops", "forces", "units")),
    "entry_restriction": (("visa", "entry", "entering"),),
    "crossing_opening": (("crossing", "border"), ("open", "resum", "lift")),
    "crossing_closure": (("crossing", "border"), ("clos", "shut", "suspen", "block", "halt", "seal")),
    "relocation_of_armed_groups": (
        ("relocat", "disarm", "evacuat", "moved", "transferred"),
        ("group", "fighters", "opposition", "camp", "border"),
    ),
    "phone_call": (("phone",),),
    "conference": (("conference", "summit", "forum", "symposium"),),
    "committee_meeting": (("committee", "commission", "meeting"),),
    "official_visit": (("visit", "arriv", "trip", "received"),),
    "talks": (
        (
            "met",
            "meet",
            "held",
            "talks",
            "discuss",
            "hosted",
            "consult",
            "convened",
            "conferred",
            "received",
            "welcomed",
            "reception",
        ),
    ),
    "agreement_signing": (("sign",), ("agreement", "memorandum", "deal", "accord", "mou")),
}
_SIGNED = _Words(r"\b(?:sign(?:ed|ing)?|reached|concluded|agreed)\b")
_NOT_EVENT = _Words(
    r"\b(?:warn\w*|threat\w*|threaten\w*|vow\w*|den(?:y|ied|ies)|dismiss\w*|reject\w*|not\s+true|out\s+of\s+question|"
    r"impossible|demand\w*|urg(?:e|ed|es|ing)|call(?:ed|s|ing)?\s+on|in\s+case|if\s+(?:they|it|the)|would\s+be\s+met|"
    r"plan(?:s|ned|ning)?\b|intend\w*|expected\s+to|is\s+to\s+be|are\s+to\s+be|will\b|would\b|shall\b|could\b|"
    r"might\b|may\b|should\b|must\b|ought\s+to|(?:need|needs|has|have)\s+to\s+be|accus\w*|claim(?:s|ed)?\s+that|alleged|promis\w*|pledg\w*)"
)
_HABITUAL = _Words(
    r"\bcomes?\s+(?:amid|after)\b|\b(?:countless|(?:on\s+)?(?:numerous|many|several|multiple)\s+occasions|"
    r"in\s+recent\s+(?:years|months|weeks)|multiple\s+times|repeatedly|frequently|often|regularly|many\s+times|several\s+times|"
    r"in\s+the\s+past|over\s+the\s+decades|have\s+long|for\s+years|routinely|(?:weeks|months|years)\s+of|"
    r"intermittent(?:ly)?|sporadic(?:ally)?|periodic(?:ally)?|so\s+far|to\s+date|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+times|"
    r"(?:for|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}(?:years|decades|months))\b"
    # a campaign summed up: "The IRGC has launched attacks on ... since the death of ..."
    r"|\b(?:has|have)\s+(?:\w+\s+){0,2}(?:launched|carried\s+out|conducted|stepped\s+up|intensified)\s+(?:\w+\s+){0,3}"
    r"(?:attacks|strikes|operations|raids)\b[^.;]{0,120}\bsince\s+(?:the|its|their|early|late|mid|\d{4}|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b"
    # ... or the other way round: "Since late September, IRGC missiles and drones have hit ..."
    r"|\bsince\s+(?:(?:late|early|mid)[\s-]+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|\d{4}|the\s+(?:start|beginning|death|outbreak))\b[^.;]{0,100}\b(?:has|have)\s+(?:\w+\s+)?"
    r"(?:hit|struck|targeted|attacked|shelled|bombarded|pounded|launched|carried\s+out|killed)\b"
)
# A relative clause set off by commas ("the PDKI, which is frequently targeted by Iran, said ...") describes
# someone; a habit there does not make the sentence's own report a habit.
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b[^,]*,")
# A spell told as the background of the sentence's own event ("reopened after three months of closure").
_AFTER_SPELL = re.compile(r"\b(?:after|following)\s+(?:\w+\s+){0,4}$", re.I)
_SET_UP = re.compile(r"(?:set\s+up|form|establish|creat)", re.I)  # "set up a joint committee" needs no signing
_DECIDED = _Words(r"\b(?:announced|decided|agreed|approved|ordered|began|started)\b")
# Background references: "The deal follows Iranian strikes", "After the Iranian attacks, ...".
_BACKGROUND = _Words(
    r"\b(?:follows?|followed|following|after|since|amid|comes?\s+after|in\s+response\s+to)\b[^,;]{0,60}$"
)
_QUOTES = re.compile(r"[\"“][^\"”]*[\"”]")


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
