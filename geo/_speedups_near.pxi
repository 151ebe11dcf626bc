# Included by geo/_speedups.pyx: geo.toponyms.near_cue, its patterns matched in C (resolution calls it).


# -- near_cue ---------------------------------------------------------------------------------------
cdef tuple _DIRECTIONS = ("north", "south", "east", "west")


cdef bint _direction_at(str text, Py_ssize_t s, Py_ssize_t end):
    """``\\b(?:north|south|east|west)\\w*`` is text[s:end], ``end`` the end of a \\w run."""
    if s >= end or not _bound(text, s):
        return False
    for d in _DIRECTIONS:
        if end - s >= 4 and _word_at(text, s, d):
            return True
    return False


cdef bint _near_alternative_ends(str text, Py_ssize_t r, Py_ssize_t low):
    """Whether one of _NEAR's alternatives (near, outside, ..., km X of) ends at ``r``, starting at ``low`` or after."""
    cdef Py_ssize_t s, q, q2, q3
    for word in ("near", "outside", "around"):
        s = r - len(word)
        if s >= low and _word_at(text, s, word) and _bound(text, s):
            return True
    if _word_at(text, r - 2, "to"):  # close\s+to
        q = _space_back(text, r - 2)
        if q < r - 2 and q - 5 >= low and _word_at(text, q - 5, "close") and _bound(text, q - 5):
            return True
    if _word_at(text, r - 2, "of"):
        q = _space_back(text, r - 2)
        if q == r - 2:
            return False
        # on\s+the\s+outskirts\s+of
        if _word_at(text, q - 9, "outskirts"):
            q2 = _space_back(text, q - 9)
            if q2 < q - 9 and _word_at(text, q2 - 3, "the"):
                q3 = _space_back(text, q2 - 3)
                if q3 < q2 - 3 and q3 - 2 >= low and _word_at(text, q3 - 2, "on") and _bound(text, q3 - 2):
                    return True
        # (?:north|south|east|west)\w*\s+of
        s = _word_back(text, q)
        if s >= low and _direction_at(text, s, q):
            return True
        # km\s+\w+\s+of
        if s < q:
            q2 = _space_back(text, s)
            if q2 < s and q2 - 2 >= low and _word_at(text, q2 - 2, "km") and _bound(text, q2 - 2):
                return True
    return False


cdef bint _near_pattern(str text, Py_ssize_t start):
    """``_NEAR.search(text, max(0, start - 48), start)`` is not None."""
    cdef Py_ssize_t low = max(0, start - 48), q, c, q2
    q = _space_back(text, start)
    if q == start:
        return False
    if _near_alternative_ends(text, q, low):
        return True
    # ... then "(?:Iraq|Iran|Turkey|Syria)['’]s\s+"
    if q >= 2 and _ci(_ch(text, q - 1), 115) and (_ch(text, q - 2) == u"'" or _ch(text, q - 2) == u"’"):
        for country in ("iraq", "iran", "turkey", "syria"):
            c = q - 2 - len(country)
            if c >= 0 and _word_at(text, c, country):
                q2 = _space_back(text, c)
                if q2 < c and _near_alternative_ends(text, q2, low):
                    return True
    return False


cdef bint _direction_pattern(str text, Py_ssize_t start):
    """``_DIRECTION_OF.search(text, max(0, start - 60), start)`` is not None."""
    cdef Py_ssize_t low = max(0, start - 60), cur = start, q, t, q2, q3, s
    cdef Py_UCS4 ch
    for _ in range(3):  # (?:[\w’']+\s+){1,3}$, one more word each time
        q = _space_back(text, cur)
        if q == cur:
            return False
        t = q
        while t > 0:
            ch = _ch(text, t - 1)
            if not (_isword(ch) or ch == u"’" or ch == u"'"):
                break
            t -= 1
        if t == q:
            return False
        cur = t
        q2 = _space_back(text, cur)  # ...\s+of\s+ before those words
        if q2 < cur and _word_at(text, q2 - 2, "of"):
            q3 = _space_back(text, q2 - 2)
            if q3 < q2 - 2:
                s = _word_back(text, q3)
                if s >= low and _direction_at(text, s, q3):
                    return True
    return False


cdef Py_ssize_t _list_before_start(str text, Py_ssize_t start):
    """``_LIST_BEFORE.search(text, max(0, start - 8), start).start()``, or -1: a ", " or " and " before a name."""
    cdef Py_ssize_t low = max(0, start - 8), best = -1, e, p, q, r, q2, cand
    cdef int which, back
    for which in range(2):
        e = start if which == 0 else (start - 1 if start > 0 and _ch(text, start - 1) == u"\n" else -1)  # "$"
        if e < 0:  # ... at the end, or before a last newline
            continue
        for back in range(2):
            p = e - 3 * back  # where "(?:al-|el-)?" begins
            if p < 0 or (
                p == e - 3 and not (_ch(text, p + 1) == u"l" and _ch(text, p + 2) == u"-" and _ch(text, p) in u"ae")
            ):
                continue
            q = _space_back(text, p)
            if q > low and _ch(text, q - 1) == u",":  # ,\s*
                cand = q - 1
                if best < 0 or cand < best:
                    best = cand
            if q < p:  # \s+(?:and|or)\s+
                for word in ("and", "or"):
                    r = q - len(word)
                    if r > low and _literal(text, r, word):
                        q2 = _space_back(text, r)
                        if q2 < r:
                            cand = max(low, q2)
                            if best < 0 or cand < best:
                                best = cand
    return best


cdef inline bint _token_char(Py_UCS4 ch) noexcept:
    return _isword(ch) or ch == u"’" or ch == u"'" or ch == u"-"


cdef Py_ssize_t _name_before_start(str text, Py_ssize_t low, Py_ssize_t end):
    """``_NAME_BEFORE.search(text, low, end).start()``, or -1: one to three capitalised words that end at ``end``."""
    cdef Py_ssize_t e = end - 1 if end > 0 and _ch(text, end - 1) == u"\n" else end, best = -1, r, first, p
    for _ in range(3):
        r = e
        while r > 0 and not Py_UNICODE_ISSPACE(_ch(text, r - 1)):
            r -= 1
        if r == e:
            break
        first = e  # the first character of the run's tail that is all [\w’'-]
        while first > r and _token_char(_ch(text, first - 1)):
            first -= 1
        for p in range(max(first, low), e):
            if u"A" <= _ch(text, p) <= u"Z" and _bound(text, p):
                best = p  # further runs to the left can only start further left
                break
        if first != r or not (u"A" <= _ch(text, r) <= u"Z"):
            break  # this run is no whole word: no more words before it
        e = _space_back(text, r)
        if e == r:
            break
    return best


cdef inline bint _has_of(str text, Py_ssize_t low, Py_ssize_t end):
    """``text.find(" of ", low, end) >= 0``."""
    cdef Py_ssize_t i
    for i in range(low, end - 3):
        if _ch(text, i) == u" " and _ch(text, i + 1) == u"o" and _ch(text, i + 2) == u"f" and _ch(text, i + 3) == u" ":
            return True
    return False


cdef bint _near_cue(str text, Py_ssize_t start, int depth):
    """geo.toponyms.near_cue(text, start, _depth=depth)."""
    cdef Py_ssize_t index = _space_back(text, start), listed, before
    if index == 0:
        return False
    if index < start:
        if _ch(text, index - 1) in u"rRdDeEoOfFsS" and _near_pattern(text, start):
            return True
        # near_cue's " of " precheck, after the pattern here: walking back three words costs less than the scan
        if _direction_pattern(text, start) and _has_of(text, max(0, start - 48), start):
            return True
    if depth < 3:
        listed = _list_before_start(text, start)
        if listed >= 0:
            before = _name_before_start(text, max(0, listed - 40), listed)
            return before >= 0 and _near_cue(text, before, depth + 1)
    return False


cdef bint _near(str text, Py_ssize_t start):
    """geo.toponyms.near_cue(text, start)."""
    return _near_cue(text, start, 0)


def near(str text, Py_ssize_t start) -> bool:
    """geo.toponyms.near_cue(text, start), in C (for the tests)."""
    return _near_cue(text, start, 0)
