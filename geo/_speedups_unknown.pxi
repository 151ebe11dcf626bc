# Included by geo/_speedups.pyx: names in place position that the gazetteer lacks
# (geo.toponyms._unknown_names), with the two patterns that find them matched in C.


# -- the capitalised-name patterns, matched in C ----------------------------------------------------
cdef inline bint _name_char(Py_UCS4 ch) noexcept:
    """[a-z’'\\-]: what follows the capital of a name in _UNKNOWN_PLACE and _LIST_NEXT."""
    return (u"a" <= ch <= u"z") or ch == u"’" or ch == u"'" or ch == u"-"


cdef inline Py_ssize_t _name_run(str text, Py_ssize_t i, Py_ssize_t n):
    """The end of ``[A-Z][a-z’'\\-]+`` at ``i`` (its longest form), or -1."""
    cdef Py_ssize_t j
    if i >= n or not (u"A" <= _ch(text, i) <= u"Z"):
        return -1
    j = i + 1
    while j < n and _name_char(_ch(text, j)):
        j += 1
    return j if j > i + 1 else -1


cdef inline bint _ends_here(str text, Py_ssize_t i, Py_ssize_t n):
    """``(?=[\\s,.;:!?)\\]]|$)`` at ``i``."""
    cdef Py_UCS4 ch
    if i >= n:
        return True
    ch = _ch(text, i)
    return Py_UNICODE_ISSPACE(ch) or ch in u",.;:!?)]"


cdef bint _place_group(str text, Py_ssize_t g, Py_ssize_t n, Py_ssize_t *span):
    """_UNKNOWN_PLACE's ``((?:[A-Z][a-z’'\\-]+)(?:\\s+[A-Z][a-z’'\\-]+)?)(?=[\\s,.;:!?)\\]]|$)`` at ``g``."""
    cdef Py_ssize_t e1 = _name_run(text, g, n), q, e2
    if e1 < 0:
        return False
    q = _skip_space(text, e1, n)
    if q > e1:
        e2 = _name_run(text, q, n)
        if e2 >= 0 and _ends_here(text, e2, n):
            span[0], span[1] = g, e2
            return True
    if _ends_here(text, e1, n):
        span[0], span[1] = g, e1
        return True
    return False


cdef tuple _PLACE_ALONE = ("in", "near", "at", "outside", "around", "towards")
cdef tuple _PLACE_PHRASES = (
    ("village", ("of",)), ("town", ("of",)), ("city", ("of",)), ("area", ("of",)), ("district", ("of",)),
    ("sub-district", ("of",)), ("subdistrict", ("of",)), ("region", ("of",)), ("camp", ("of", "at")),
    ("village", ("in", "near", "of")), ("villages", ("in", "near", "of")), ("base", ("in", "at", "near")),
    ("bases", ("in", "at", "near")), ("area", ("of", "near", "around")), ("areas", ("of", "near", "around")),
)


cdef Py_ssize_t _place_phrase_end(str text, Py_ssize_t start, Py_ssize_t n):
    """Where _UNKNOWN_PLACE's first part (``in``, ``village of``, ...) ends when it starts at ``start``, or -1."""
    cdef Py_ssize_t p, q
    if start >= n or _ch(text, start) not in u"inaotvcdsrbw":  # the first letters of its words
        return -1
    for word in _PLACE_ALONE:
        p = start + len(word)
        if _literal(text, start, word) and p < n and Py_UNICODE_ISSPACE(_ch(text, p)):
            return p
    for word, nexts in _PLACE_PHRASES:
        if _literal(text, start, word):
            p = start + len(word)
            q = _skip_space(text, p, n)
            if q > p:
                for after in nexts:
                    p = q + len(after)
                    if _literal(text, q, after) and p < n and Py_UNICODE_ISSPACE(_ch(text, p)):
                        return p
    return -1


cdef list _unknown_places(str text, list starts):
    """The (start, end) of group 1 of each ``_UNKNOWN_PLACE.finditer(text)`` match, from where one can start."""
    cdef list found = []
    cdef Py_ssize_t last = 0, start, p, q, n = len(text)
    cdef Py_ssize_t span[2]
    for start in starts:
        if start < last or not _bound(text, start):
            continue
        p = _place_phrase_end(text, start, n)
        if p < 0:
            continue
        q = _skip_space(text, p, n)  # \\s+, then "the\\s+" if the name follows it
        if _literal(text, q, "the") and q + 3 < n and Py_UNICODE_ISSPACE(_ch(text, q + 3)):
            if _place_group(text, _skip_space(text, q + 3, n), n, span):
                found.append((span[0], span[1]))
                last = span[1]
            continue
        if _place_group(text, q, n, span):
            found.append((span[0], span[1]))
            last = span[1]
    return found


cdef inline Py_ssize_t _bounded_end(str text, Py_ssize_t i, Py_ssize_t e, Py_ssize_t n):
    """The longest end in (i + 1, e] of a name run at ``i`` with ``\\b`` after it, or -1."""
    cdef bint before, after
    while e > i + 1:
        before = _isword(_ch(text, e - 1))
        after = e < n and _isword(_ch(text, e))
        if before != after:
            return e
        e -= 1
    return -1


cdef bint _list_next(str text, Py_ssize_t p, Py_ssize_t *span):
    """_LIST_NEXT.match(text, p): ``(?:,\\s*(?:and\\s+|or\\s+)?|\\s+and\\s+|\\s+or\\s+)`` then a name or two."""
    cdef Py_ssize_t n = len(text), q, g, e1, e2, r
    cdef Py_ssize_t starts[2]
    cdef int count = 0
    if p >= n:
        return False
    if _ch(text, p) == u",":
        q = _skip_space(text, p + 1, n)
        for word in ("and", "or"):  # the optional word first, as the regex tries it
            r = q + len(word)
            if _literal(text, q, word) and r < n and Py_UNICODE_ISSPACE(_ch(text, r)):
                starts[count] = _skip_space(text, r, n)
                count += 1
                break
        starts[count] = q
        count += 1
    else:
        q = _skip_space(text, p, n)
        if q == p:
            return False
        for word in ("and", "or"):
            r = q + len(word)
            if _literal(text, q, word) and r < n and Py_UNICODE_ISSPACE(_ch(text, r)):
                starts[count] = _skip_space(text, r, n)
                count += 1
                break
    for k in range(count):
        g = starts[k]
        e1 = _name_run(text, g, n)
        if e1 < 0:
            continue
        q = _skip_space(text, e1, n)
        if q > e1:
            e2 = _name_run(text, q, n)
            if e2 >= 0:
                r = _bounded_end(text, q, e2, n)
                if r >= 0:
                    span[0], span[1] = g, r
                    return True
        r = _bounded_end(text, g, e1, n)
        if r >= 0:
            span[0], span[1] = g, r
            return True
    return False


cdef inline bint _bounded(str text, Py_ssize_t i):
    """geo.toponyms._bounded: ``\\b`` at ``i``."""
    return (i > 0 and _isword(_ch(text, i - 1))) != (i < len(text) and _isword(_ch(text, i)))


cdef list _words_at(str text, str word, bint first_only=False):
    """The positions geo.toponyms._find_words yields: ``word`` whole, ``\\b`` on both sides."""
    cdef list found = []
    cdef Py_ssize_t m = len(word), index = text.find(word)
    while index >= 0:
        if _bounded(text, index) and _bounded(text, index + m):
            found.append(index)
            if first_only:
                break
            index = text.find(word, index + m)
        else:
            index = text.find(word, index + 1)
    return found


cdef list _unknown_in(
    str text, list starts, list ends, list matches, list person_spans, set person_tokens, lexicon, str doc_id
):
    """geo.toponyms._unknown_names, the known mentions given by ``starts`` and ``ends``.

    A name over a known mention is turned down first (the checks are pure).
    """
    cdef list taken = list(person_spans)
    cdef list out = []
    cdef Py_ssize_t position, n = len(text)
    cdef Py_UCS4 ch
    cdef Py_ssize_t span[2]
    for g0, g1 in matches:
        _add(text, g0, g1, starts, ends, taken, out, person_tokens, lexicon, doc_id)
        position = g1
        while _list_next(text, position, span):  # "in Koya, Zrgwez and Sidakan"
            _add(text, span[0], span[1], starts, ends, taken, out, person_tokens, lexicon, doc_id)
            position = span[1]
    if out:
        for name in sorted({text[m.start : m.end] for m in out}):
            for again in _words_at(text, name):
                _add(text, again, again + len(name), starts, ends, taken, out, person_tokens, lexicon, doc_id)
    return out


cdef void _add(
    str text, Py_ssize_t start, Py_ssize_t end, list starts, list ends, list taken, list out, set person_tokens,
    lexicon, str doc_id,
) except *:
    """geo.toponyms._unknown_names.add."""
    # the last known mention starting before ``end`` (bisect_left(starts, end) - 1)
    cdef Py_ssize_t lo = 0, hi = len(starts), mid
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>starts[mid] < end:
            lo = mid + 1
        else:
            hi = mid
    if lo > 0 and <Py_ssize_t>ends[lo - 1] > start:
        return
    surface = text[start:end]
    first = surface.split()[0]
    if first in NOT_PLACES or first.lower() in DEMONYMS or surface in person_tokens:
        return
    for s, e in taken:
        if s < end and start < e:
            return
    if _org_after(text, end) or _words_at(text, surface.lower(), True):
        return
    end = max(end, _generic_end(text, end))  # past GENERIC_AFTER's word ("Koya district")
    ids = near_miss(lexicon, " ".join(fold_text(surface).split()))
    fields = (doc_id, start, end, text[start:end], ids, "fuzzy" if ids else "unknown", (), False)
    out.append(_new(_MENTION_SLOTS, fields))
    taken.append((start, end))
