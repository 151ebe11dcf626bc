"""Cues read off the words around a place: the dateline a text opens with, and "near" before a place.

Resolution reads :func:`near_cue` for a town's precision, the event rules read
both; the words and patterns are in :mod:`geo.rules.datelines` and :mod:`geo.rules.near`.
"""

from __future__ import annotations

import re

from geo import _rulebook

__all__ = ["find_dateline", "near_cue"]


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of the text or of one of its first lines, if any (group 1: the place)."""
    rules = _rulebook.RULES
    reach = rules.dateline_reach
    pos, lines = 0, 0  # blank lines are not counted
    while lines < rules.dateline_lines:
        for rx in rules.dateline:
            if match := rx.match(text, pos):
                return match
        end = text.find("\n", pos, reach)
        if end < 0:
            break
        lines += bool(text[pos:end].strip())
        pos = end + 1
    return None


def near_cue(text: str, start: int, *, along_lists: bool = True, _depth: int = 0) -> bool:
    """True when the words before ``start`` say "near" ("near Koya", "30 km north of Erbil").

    "near" reaches along a list ("near Erbil and Sulaymaniyah") unless ``along_lists`` is false.
    """
    rules = _rulebook.RULES
    # The near pattern ends with a word ending in one of rules.near_ends, then whitespace: look for that first.
    index = start
    while index > 0 and text[index - 1].isspace():
        index -= 1
    if index == 0:
        return False
    if (
        index < start
        and text[index - 1] in rules.near_ends
        and rules.near.search(text, max(0, start - rules.near_reach), start)
    ):
        return True
    # "north of Kurdistan's capital city Erbil": a direction, "of", then a few words on the place
    if (
        index < start
        and text.rfind(rules.near_of, max(0, start - rules.near_reach), start) >= 0
        and rules.direction_of.search(text, max(0, start - rules.direction_reach), start)
    ):
        return True
    if (
        along_lists
        and _depth < rules.list_steps
        and (listed := rules.list_before.search(text, max(0, start - rules.list_reach), start))
    ):
        before = rules.name_before.search(text, max(0, listed.start() - rules.name_before_reach), listed.start())
        return before is not None and near_cue(text, before.start(), _depth=_depth + 1)
    return False
