# Included by geo/_speedups.pyx: names in place position that the gazetteer lacks
# (geo.toponyms._unknown_names), with the two patterns that find them matched in C.


# -- the capitalised-name patterns, matched in C ----------------------------------------------------
cdef inline bint _name_char(Py_UCS4 ch) noexcept:
    """[a-z’'\\-]: what follows the capital of a name in _UNKNOWN_PLACE and _LIST_NEXT."""
    return (u"a" <= ch <= u"z") or ch == u"’" or ch == u"'" or ch == u"-"


cdef inline Py_ssize_t _name_run(str text, Py_ssize_t i, Py_ssize_t n) noexcept:
    """The end of ``[A-Z][a-z’'\\-]+`` at ``i`` (its longest form), or -1."""
    cdef Py_ssize_t j
    if i >= n or not (u"A" <= _ch(text, i) <= u"Z"):
        return -1
    j = i + 1
    while j < n and _name_char(_ch(text, j)):
        j += 1
    return j if j > i + 1 else -1


cdef inline bint _ends_here(str text, Py_ssize_t i, Py_ssize_t n) noexcept:
    """``(?=[\\s,.;:!?)\\]]|$)`` at ``i``."""
    cdef Py_UCS4 ch
    if i >= n:
        return True
    ch = _ch(text, i)
    return Py_UNICODE_ISSPACE(ch) or ch in u",.;:!?)]"


cdef bint _place_group(str text, Py_ssize_t g, Py_ssize_t n, Py_ssize_t *span) noexcept:
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


cdef inline Py_ssize_t _lit(str text, Py_ssize_t i, Py_ssize_t n, const char *word) noexcept:
    """The end of ``word`` (ASCII, as written) at ``i``, or -1."""
    cdef Py_ssize_t k = 0
    while word[k] != 0:
        if i + k >= n or _ch(text, i + k) != <Py_UCS4>(<unsigned char>word[k]):
            return -1
        k += 1
    return i + k


cdef inline Py_ssize_t _spaced_end(str text, Py_ssize_t p, Py_ssize_t n) noexcept:
    """``p`` when a word ends there and whitespace follows (the ``\\s+`` after each word), else -1."""
    return p if 0 <= p < n and Py_UNICODE_ISSPACE(_ch(text, p)) else -1


cdef inline Py_ssize_t _plural(str text, Py_ssize_t p, Py_ssize_t n) noexcept:
    """Past the ``s?`` of ``villages?`` at ``p`` (-1 stays -1)."""
    return p + 1 if 0 <= p < n and _ch(text, p) == u"s" else p


cdef Py_ssize_t _then(
    str text, Py_ssize_t p, Py_ssize_t n, const char *a, const char *b = NULL, const char *c = NULL
) noexcept:
    """Where a phrase's second word (``a``, ``b`` or ``c``) ends, after whitespace at ``p``, or -1."""
    cdef Py_ssize_t q, e
    if _spaced_end(text, p, n) < 0:
        return -1
    q = _skip_space(text, p, n)
    e = _spaced_end(text, _lit(text, q, n, a), n)
    if e < 0 and b != NULL:
        e = _spaced_end(text, _lit(text, q, n, b), n)
    if e < 0 and c != NULL:
        e = _spaced_end(text, _lit(text, q, n, c), n)
    return e


cdef Py_ssize_t _place_phrase_end(str text, Py_ssize_t start, Py_ssize_t n) noexcept:
    """Where _UNKNOWN_PLACE's first part (``in``, ``village of``, ...) ends when it starts at ``start``, or -1.

    Told apart by the first letter: no two of its alternatives can both match at one place with different
    ends ("village of" and "villages? of" end alike), so their order does not matter.
    """
    cdef Py_ssize_t p
    if start >= n:
        return -1
    cdef Py_UCS4 ch = _ch(text, start)
    if ch == u"i":
        return _spaced_end(text, _lit(text, start, n, b"in"), n)
    if ch == u"n":
        return _spaced_end(text, _lit(text, start, n, b"near"), n)
    if ch == u"o":
        return _spaced_end(text, _lit(text, start, n, b"outside"), n)
    if ch == u"a":
        p = _spaced_end(text, _lit(text, start, n, b"at"), n)
        if p < 0:
            p = _spaced_end(text, _lit(text, start, n, b"around"), n)
        if p < 0:
            p = _then(text, _plural(text, _lit(text, start, n, b"area"), n), n, b"of", b"near", b"around")
        return p
    if ch == u"t":
        p = _spaced_end(text, _lit(text, start, n, b"towards"), n)
        return p if p >= 0 else _then(text, _lit(text, start, n, b"town"), n, b"of")
    if ch == u"v":
        return _then(text, _plural(text, _lit(text, start, n, b"village"), n), n, b"in", b"near", b"of")
    if ch == u"c":
        p = _then(text, _lit(text, start, n, b"city"), n, b"of")
        return p if p >= 0 else _then(text, _lit(text, start, n, b"camp"), n, b"of", b"at")
    if ch == u"d":
        return _then(text, _lit(text, start, n, b"district"), n, b"of")
    if ch == u"s":
        p = _lit(text, start, n, b"sub-district")
        return _then(text, p if p >= 0 else _lit(text, start, n, b"subdistrict"), n, b"of")
    if ch == u"r":
        return _then(text, _lit(text, start, n, b"region"), n, b"of")
    if ch == u"b":
        return _then(text, _plural(text, _lit(text, start, n, b"base"), n), n, b"in", b"at", b"near")
    return -1


cdef bint _may_start(str text, Py_ssize_t i, Py_ssize_t end, int32_t roles, Py_ssize_t n) noexcept:
    """Whether the walk's key at ``i`` (to ``end``) can start _UNKNOWN_PLACE, by the characters after it.

    A phrase word ("village", "bases") needs whitespace, then of/in/near/at/around ("sub-district": a "-");
    a word alone ("in") whitespace, then whitespace, "the" or a capital. Most keys stop here.
    """
    cdef Py_ssize_t k
    cdef Py_UCS4 ch
    if roles & UNKNOWN_PHRASE:
        if end < n and _ch(text, end) == u"-":
            return True
        if end < n and Py_UNICODE_ISSPACE(_ch(text, end)):
            k = _skip_space(text, end + 1, n)
            return k < n and _ch(text, k) in u"oina"
        return False
    if roles & UNKNOWN and end + 1 < n and Py_UNICODE_ISSPACE(_ch(text, end)):
        ch = _ch(text, end + 1)
        return Py_UNICODE_ISSPACE(ch) or (u"A" <= ch <= u"Z") or ch == u"t"
    return False


cdef bint _place_at(str text, Py_ssize_t start, Py_ssize_t n, Py_ssize_t *span) noexcept:
    """Whether _UNKNOWN_PLACE matches at ``start`` (its ``\\b`` aside); its group's (start, end) into ``span``."""
    cdef Py_ssize_t p = _place_phrase_end(text, start, n), q
    if p < 0:
        return False
    q = _skip_space(text, p, n)  # \\s+, then "the\\s+" if the name follows it
    if _spaced_end(text, _lit(text, q, n, b"the"), n) >= 0:
        return _place_group(text, _skip_space(text, q + 3, n), n, span)
    return _place_group(text, q, n, span)


cdef inline Py_ssize_t _bounded_end(str text, Py_ssize_t i, Py_ssize_t e, Py_ssize_t n) noexcept:
    """The longest end in (i + 1, e] of a name run at ``i`` with ``\\b`` after it, or -1."""
    cdef bint before, after
    while e > i + 1:
        before = _isword(_ch(text, e - 1))
        after = e < n and _isword(_ch(text, e))
        if before != after:
            return e
        e -= 1
    return -1


cdef inline Py_ssize_t _and_or(str text, Py_ssize_t q, Py_ssize_t n) noexcept:
    """Past ``and\\s+`` or ``or\\s+`` at ``q``, or -1."""
    cdef Py_ssize_t r = _spaced_end(text, _lit(text, q, n, b"and"), n)
    if r < 0:
        r = _spaced_end(text, _lit(text, q, n, b"or"), n)
    return _skip_space(text, r, n) if r >= 0 else -1


cdef bint _list_next(str text, Py_ssize_t p, Py_ssize_t *span) noexcept:
    """_LIST_NEXT.match(text, p): ``(?:,\\s*(?:and\\s+|or\\s+)?|\\s+and\\s+|\\s+or\\s+)`` then a name or two."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), q, g, e1, e2, r
    cdef Py_ssize_t starts[2]
    cdef int count = 0
    if p >= n:
        return False
    if _ch(text, p) == u",":
        q = _skip_space(text, p + 1, n)
        r = _and_or(text, q, n)  # the optional word first, as the regex tries it
        if r >= 0:
            starts[count] = r
            count += 1
        starts[count] = q
        count += 1
    else:
        q = _skip_space(text, p, n)
        if q == p:
            return False
        r = _and_or(text, q, n)
        if r >= 0:
            starts[count] = r
            count += 1
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


cdef inline bint _bounded(str text, Py_ssize_t i) noexcept:
    """geo.toponyms._bounded: ``\\b`` at ``i``."""
    return (i > 0 and _isword(_ch(text, i - 1))) != (i < PyUnicode_GET_LENGTH(text) and _isword(_ch(text, i)))


cdef Py_ssize_t _word_from(str text, str word, Py_ssize_t index) except -2:
    """The next position geo.toponyms._find_words yields at or after ``index`` (``word`` whole), or -1."""
    cdef Py_ssize_t n = len(text), m = len(word)
    index = PyUnicode_Find(text, word, index, n, 1)
    while index >= 0:
        if _bounded(text, index) and _bounded(text, index + m):
            return index
        index = PyUnicode_Find(text, word, index + 1, n, 1)
    return -1


# The first word of a name is ``[A-Z][a-z’'\-]+`` (both patterns begin so), so ``first.lower() in DEMONYMS``
# holds just when ``first`` is a demonym with its first letter a capital: one set, looked up with ``first`` as
# it is (bound with the rest by bind_toponyms).
cdef frozenset _FIRST_NOT = frozenset()


cdef void _bind_unknown(module) except *:
    """Take what the unknown-name checks read from :mod:`geo.toponyms`, and check what _near_key assumes."""
    global _FIRST_NOT
    _FIRST_NOT = frozenset(module.NOT_PLACES) | frozenset(
        word[0].upper() + word[1:] for word in module.DEMONYMS if u"a" <= word[:1] <= u"z"
    )
    for sample in (u"Koya", u"Koya  Sidi", u"Al-Koya", u"Koya-", u"O’Neil's", u"Sidi\t\n\r\x0b\x0c\x1c\x1fAli "):
        if _near_key(sample) != u" ".join(module.fold_text(sample).split()):
            raise _stale("geo._speedups folds unknown names as geo._lexicon.fold_text did, not as it now does")
    for code in [*range(128), ord(u"’")]:
        sample = u"Ab" + chr(code) + u"c"
        if _keyed(code) and _near_key(sample) != u" ".join(module.fold_text(sample).split()):
            raise _stale(f"geo._speedups folds {chr(code)!r} as geo._lexicon.fold_text did, not as it now does")


cdef inline bint _keyed(Py_UCS4 ch) noexcept:
    """A character _near_key folds itself: a letter, an apostrophe, a hyphen or ASCII whitespace."""
    return (
        (u"a" <= ch <= u"z") or (u"A" <= ch <= u"Z") or ch == u"'" or ch == u"’" or ch == u"-"
        or (ch < 128 and Py_UNICODE_ISSPACE(ch))
    )


cdef str _near_key(str surface):
    """``" ".join(fold_text(surface).split())``, what near_miss is asked, built in C for a name of letters.

    Names are ASCII letters, apostrophes and hyphens, between whitespace: their folding is known (small
    letters, "’" to "'", "-" to a space), so no folded copy and word list are made. Other names go to fold_text.
    """
    cdef Py_ssize_t m = len(surface), k, size = 0
    cdef Py_UCS4 ch
    cdef char buffer[128]
    cdef bint gap = False
    if m > 128:
        return u" ".join(fold_text(surface).split())
    for k in range(m):
        ch = _ch(surface, k)
        if not _keyed(ch):
            return u" ".join(fold_text(surface).split())
        if ch == u"-" or ch < 128 and Py_UNICODE_ISSPACE(ch):
            gap = size > 0
            continue
        if gap:
            buffer[size] = 32
            size += 1
            gap = False
        if ch == u"’":
            ch = u"'"
        buffer[size] = <char>_lower(ch)
        size += 1
    return PyUnicode_DecodeASCII(buffer, size, NULL)


@cython.final
cdef class _Unknown:
    """One text's search for the names the gazetteer lacks (geo.toponyms._unknown_names), its spans in C.

    Every check on a name is pure: those on its place (a known mention or a name taken over it, an
    organisation after it) run first, in C, and turn most names down without a string made; those on its
    words alone are made once per surface and kept in ``verdicts`` (False, or near_miss's answer), as the
    text names the same places again and again.
    """

    cdef str text, doc_id
    cdef object lexicon
    cdef set person_tokens
    cdef list out
    cdef dict verdicts
    cdef const Py_ssize_t *known  # the known mentions' (start, end), in order, without overlaps
    cdef Py_ssize_t known_count
    cdef Py_ssize_t *taken  # (start, end) of the people's names, then of the names added here
    cdef Py_ssize_t taken_count, people, room

    def __dealloc__(self):
        free(self.taken)

    cdef int begin(
        self, str text, const Py_ssize_t *known, Py_ssize_t known_count, list person_spans, set person_tokens,
        lexicon, str doc_id,
    ) except -1:
        """Take the text, its known mentions and its people's names (taken already)."""
        self.text, self.doc_id, self.lexicon, self.person_tokens = text, doc_id, lexicon, person_tokens
        self.out, self.verdicts = [], {}
        self.known, self.known_count = known, known_count
        self.room = len(person_spans) + 8
        self.taken = <Py_ssize_t *>malloc(2 * self.room * sizeof(Py_ssize_t))
        if self.taken == NULL:
            raise MemoryError()
        for s, e in person_spans:
            self.taken[2 * self.taken_count], self.taken[2 * self.taken_count + 1] = s, e
            self.taken_count += 1
        self.people = self.taken_count
        return 0

    cdef int add(self, Py_ssize_t start, Py_ssize_t end) except -1:
        """geo.toponyms._unknown_names.add."""
        cdef Py_ssize_t lo = 0, hi = self.known_count, mid, k
        cdef str text = self.text
        # the last known mention starting before ``end`` (bisect_left(starts, end) - 1)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.known[2 * mid] < end:
                lo = mid + 1
            else:
                hi = mid
        if lo > 0 and self.known[2 * lo - 1] > start:
            return 0
        for k in range(self.taken_count):
            if self.taken[2 * k] < end and start < self.taken[2 * k + 1]:
                return 0
        if _org_after(text, end):
            return 0
        surface = text[start:end]
        ids = self.verdicts.get(surface)
        if ids is None:
            ids = self._verdict(surface, start, end)
            self.verdicts[surface] = ids
        if ids is False:
            return 0
        end = max(end, _generic_end(text, end))  # past GENERIC_AFTER's word ("Koya district")
        fields = (self.doc_id, start, end, text[start:end], ids, "fuzzy" if ids else "unknown", (), False)
        self.out.append(_new(_MENTION_SLOTS, fields))
        if self.taken_count == self.room:
            self.room *= 2
            self.taken = <Py_ssize_t *>_grow(self.taken, 2 * self.room * sizeof(Py_ssize_t))
        self.taken[2 * self.taken_count], self.taken[2 * self.taken_count + 1] = start, end
        self.taken_count += 1
        return 0

    cdef object _verdict(self, str surface, Py_ssize_t start, Py_ssize_t end):
        """False when a name's words make it no place (a month, a demonym, a person's name, a word written in
        lower case elsewhere in the text), else near_miss's entries for it."""
        cdef Py_ssize_t k = start
        while k < end and not Py_UNICODE_ISSPACE(_ch(self.text, k)):
            k += 1
        if (surface if k == end else self.text[start:k]) in _FIRST_NOT:
            return False
        if self.person_tokens and surface in self.person_tokens:
            return False
        if _word_from(self.text, surface.lower(), 0) >= 0:
            return False  # written in lower case elsewhere: a common word, not a name
        return near_miss(self.lexicon, _near_key(surface))


cdef list _unknown_in(
    str text, Scanner scanner, _Walked *walked, const Py_ssize_t *known, Py_ssize_t known_count, list person_spans,
    set person_tokens, lexicon, str doc_id,
):
    """geo.toponyms._unknown_names, or None when it finds none.

    Its matches are ``_UNKNOWN_PLACE.finditer(text)``'s, tried where the walk found a word the pattern starts
    with (geo.toponyms._matches_at), each taken up as it is found. ``known`` holds the known mentions' (start,
    end), in order.
    """
    cdef _Unknown names = None
    cdef Py_ssize_t w, start, position, index, m, last = 0, n = len(text)
    cdef int32_t v, roles
    cdef Py_ssize_t span[2]
    span[0] = span[1] = 0  # filled by _place_group / _list_next before it is read
    cdef Py_ssize_t *spans
    for w in range(walked.count):
        v = walked.value[w]
        roles = scanner.value_roles[v]
        if not roles & (UNKNOWN | UNKNOWN_PHRASE):
            continue
        start = walked.at[w]
        if (
            start < last
            or not _may_start(text, start, start + scanner.value_length[v], roles, n)
            or not _bound(text, start)
            or not _place_at(text, start, n, span)
        ):
            continue
        last = span[1]
        if names is None:
            names = _Unknown.__new__(_Unknown)
            names.begin(text, known, known_count, person_spans, person_tokens, lexicon, doc_id)
        names.add(span[0], span[1])
        position = span[1]
        while _list_next(text, position, span):  # "in Koya, Zrgwez and Sidakan"
            names.add(span[0], span[1])
            position = span[1]
    if names is None or not names.out:
        return None
    # every other place each name is written (its mention's surface, a generic word and all)
    spans = names.taken
    for name in sorted({text[spans[2 * k] : spans[2 * k + 1]] for k in range(names.people, names.taken_count)}):
        m = len(name)
        index = _word_from(text, name, 0)
        while index >= 0:
            names.add(index, index + m)
            index = _word_from(text, name, index + m)
    return names.out
