# Included by geo/_speedups.pyx: the patterns tried where the scanner found their words (geo/_name_rules.py:
# the region patterns at their leads) and the dateline lines (geo/_cues.py).


cdef object _dateline(str text):
    """geo._cues.find_dateline: each dateline pattern at the start of the text and of its next lines."""
    cdef Py_ssize_t pos = 0, lines = 0, n = PyUnicode_GET_LENGTH(text), end, k, reach = min(_DATELINE_REACH, n)
    while lines < _DATELINE_LINES:
        for match_at in _DATELINE_MATCH:
            match = match_at(text, pos)
            if match is not None:
                return match
        end = pos
        while end < reach and _ch(text, end) != u"\n":
            end += 1
        if end >= reach:  # no line end within reach
            return None
        for k in range(pos, end):
            if not Py_UNICODE_ISSPACE(_ch(text, k)):
                lines += 1  # blank lines are not counted
                break
        pos = end + 1
    return None


cdef void *_grow(void *block, size_t size) except NULL:
    cdef void *grown = realloc(block, size)
    if grown == NULL:
        raise MemoryError()
    return grown


cdef Py_ssize_t _the_before(str text, Py_ssize_t start):
    """geo._name_rules.the_before: where the article starts when it stands right before ``start``, else -1."""
    cdef Py_ssize_t i = start, m = len(_ARTICLE)
    while i > 0 and Py_UNICODE_ISSPACE(_ch(text, i - 1)):
        i -= 1
    if m <= i < start and _literal(text, i - m, _ARTICLE):
        return i - m
    return -1


cdef list _patterns_in(str text, list words, lexicon, str doc_id):
    """geo.toponyms._pattern_mentions with the pattern words found: each match's Mention fields.

    Pattern by pattern, each from its starts in order, as ``finditer`` would
    find them (geo.toponyms._matches_at); a start twice is tried once.
    """
    cdef Py_ssize_t room = 8 * len(words) + 8, n = 0, k, j, start, end, the, last = 0, index = -1
    cdef Py_ssize_t *pairs = <Py_ssize_t *>malloc(2 * room * sizeof(Py_ssize_t))  # (pattern, start), sorted
    cdef Py_ssize_t a, b
    cdef tuple at_start, at_the
    cdef list found = []
    if pairs == NULL:
        raise MemoryError()
    try:
        for start, lead in words:
            at_start, at_the = PATTERN_TRIGGERS[lead]
            the = _the_before(text, start) if at_the else -1
            for j in range(len(at_start) + (len(at_the) if the >= 0 else 0)):
                if n == room:
                    room *= 2
                    pairs = <Py_ssize_t *>_grow(pairs, 2 * room * sizeof(Py_ssize_t))
                if j < len(at_start):
                    a, b = at_start[j], start
                else:
                    a, b = at_the[j - len(at_start)], the
                k = n  # insertion sort: the words come by start already
                while k > 0 and (pairs[2 * k - 2] > a or (pairs[2 * k - 2] == a and pairs[2 * k - 1] > b)):
                    pairs[2 * k], pairs[2 * k + 1] = pairs[2 * k - 2], pairs[2 * k - 1]
                    k -= 1
                pairs[2 * k], pairs[2 * k + 1] = a, b
                n += 1
        for k in range(n):
            start = pairs[2 * k + 1]
            if pairs[2 * k] != index:
                index, last = pairs[2 * k], 0
                match_at, ids, hints, vague = _PATTERNS[index]
                if ids is None:
                    ids = lexicon.border_ids
            elif start == pairs[2 * k - 1]:
                continue
            if start < last:
                continue
            match = match_at(text, start)
            if match is not None:
                start, end = match.span()
                last = end
                found.append((doc_id, start, end, text[start:end], ids, "pattern", hints, vague))
    finally:
        free(pairs)
    return found
