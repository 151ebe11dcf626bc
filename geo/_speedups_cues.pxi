# Included by geo/_speedups.pyx: the near cue (geo/_cues.py) and the area cue (geo/resolve.py).


# The words and patterns they read (geo._rulebook.Rules), bound by bind_toponyms.
cdef frozenset _NEAR_LAST = frozenset(), _NEAR_ALONE = frozenset(), _LIST_LAST = frozenset(), _LIST_FIRST = frozenset(), _PART_LAST = frozenset()
cdef str _NEAR_OF = "", _LIST_ENDS = "", _NEAR_ENDS = ""
cdef tuple _POSSESSIVES = (), _DIRECTIONS = ()
cdef Py_ssize_t _LIST_REACH = 0, _NAME_BEFORE_REACH = 0, _LIST_STEPS = 0
cdef Py_ssize_t _NEAR_REACH = 0, _DIRECTION_REACH = 0, _NEAR_LONGEST = 0, _LIST_LONGEST = 0, _PART_LONGEST = 0
cdef object _near_search, _direction_search, _list_search, _name_before_search


cdef void _bind_looks(rules) except *:
    """Take the word sets the looks below read (geo._rulebook.Rules), at binding."""
    global _DIRECTIONS, _NEAR_LAST, _NEAR_ALONE, _LIST_LAST, _LIST_FIRST, _PART_LAST, _NEAR_OF, _LIST_ENDS, _NEAR_ENDS, _POSSESSIVES
    global _LIST_REACH, _NAME_BEFORE_REACH, _LIST_STEPS, _NEAR_REACH, _DIRECTION_REACH, _NEAR_LONGEST, _LIST_LONGEST, _PART_LONGEST
    global _near_search, _direction_search, _list_search, _name_before_search
    _NEAR_LAST, _NEAR_ALONE = rules.near_last_words, rules.near_alone
    _DIRECTIONS = tuple(rules.directions)
    _LIST_FIRST, _LIST_LAST, _PART_LAST = rules.list_first_words, rules.list_last_words, rules.part_last_words
    _NEAR_OF, _LIST_ENDS, _NEAR_ENDS, _POSSESSIVES = rules.near_of, rules.list_ends, rules.near_ends, tuple(rules.possessives)
    _NEAR_REACH, _DIRECTION_REACH = rules.near_reach, rules.direction_reach
    _LIST_REACH, _NAME_BEFORE_REACH, _LIST_STEPS = rules.list_reach, rules.name_before_reach, rules.list_steps
    _near_search, _direction_search = rules.near.search, rules.direction_of.search
    _list_search, _name_before_search = rules.list_before.search, rules.name_before.search
    _NEAR_LONGEST = max(map(len, _NEAR_LAST), default=0)
    _LIST_LONGEST = max(map(len, _LIST_FIRST | _LIST_LAST), default=0)
    _PART_LONGEST = max(map(len, _PART_LAST), default=0)


cdef bint _near_here(str text, Py_ssize_t start, Py_ssize_t index) except -1:
    """The first two steps of geo._cues.near_cue: the near pattern, then the direction pattern (``index``: where
    the whitespace before ``start`` starts, above 0).

    The near pattern ends with one of its last words and whitespace, and matches a one-word phrase there
    alone; the direction pattern is looked for as the reference does, and where a direction stands.
    """
    cdef Py_ssize_t lo = max(0, start - _NEAR_REACH)
    if index < start and _ends_in(text, index, _NEAR_ENDS) and _run_in(text, index, _NEAR_LAST, _NEAR_LONGEST, True):
        if _alone_before(text, start, lo, _NEAR_ALONE) or _near_search(text, lo, start) is not None:
            return True
    return (
        index < start
        and PyUnicode_Find(text, _NEAR_OF, lo, start, -1) >= 0
        and _has_any(text, max(0, start - _DIRECTION_REACH), start, _DIRECTIONS)
        and _direction_search(text, max(0, start - _DIRECTION_REACH), start) is not None
    )


cdef Py_ssize_t _listed_before(str text, Py_ssize_t start, Py_ssize_t index) except -2:
    """The last step's name before ``start`` along a list (where it starts), or -1; the list pattern is called
    only where it can end: a list word and whitespace, or one of its end characters."""
    cdef Py_ssize_t k
    if not (
        _ends_in(text, index, _LIST_ENDS) or (index < start and _run_in(text, index, _LIST_LAST, _LIST_LONGEST, False))
    ):
        return -1
    listed = _list_search(text, max(0, start - _LIST_REACH), start)
    if listed is None:
        return -1
    k = listed.start()
    before = _name_before_search(text, max(0, k - _NAME_BEFORE_REACH), k)
    return -1 if before is None else before.start()


cdef bint _near(str text, Py_ssize_t start, Py_ssize_t depth, dict seen) except -1:
    """geo._cues.near_cue(text, start): the same steps and patterns, each pattern called only where it can match.

    ``seen``: what the steps gave at each start already looked at in this text (they do not depend on the
    depth), as (near here, the name before along a list).
    """
    cdef Py_ssize_t index, before
    cdef bint here
    found = seen.get(start)
    if found is None:
        index = _space_back(text, start)
        if index == 0:
            here, before = False, -1
        else:
            here = _near_here(text, start, index)
            before = -2 if here else _listed_before(text, start, index)  # -2: not needed, not looked for
        seen[start] = (here, before)
    else:
        here, before = found
    if here:
        return True
    if depth >= _LIST_STEPS:
        return False
    if before == -2:
        before = _listed_before(text, start, _space_back(text, start))
        seen[start] = (here, before)
    return before >= 0 and _near(text, before, depth + 1, seen)


def near_cues(str text, starts) -> list:
    """geo._cues.near_cue at each of ``starts``, in that order, the steps kept from one to the next as
    resolve_mentions keeps them (for the tests)."""
    cdef dict seen = {}
    return [_near(text, start, 0, seen) for start in starts]


def may_name_area(str text, Py_ssize_t start, Py_ssize_t end) -> bool:
    """False when geo.resolve._names_an_area cannot be True (for the tests)."""
    return _may_name_area(text, start, end)


cdef bint _may_name_area(str text, Py_ssize_t start, Py_ssize_t end) except -1:
    """False when geo.resolve._names_an_area is sure to be False: no possessive after, no part word before."""
    for possessive in _POSSESSIVES:
        if _literal(text, end, <str>possessive):
            return True
    return (
        start > 0
        and _ch(text, start - 1) == u" "
        and _run_in(text, _space_back(text, start), _PART_LAST, _PART_LONGEST, False)
    )
