# Included by geo/_speedups.pyx: the people named after titles ("President Masoud Pezeshkian"): each
# geo.toponyms._TITLE_AT pattern, title then _PERSON_NAME, matched in C where the scanner found the title word.


# -- the titles, read off geo.toponyms._TITLES ------------------------------------------------------
# A title's pattern in C: items of [kind, count, ...]. ONE and OPTIONAL: count characters, one of which
# stands there (OPTIONAL: or none); ALTERNATIVES: count literals, each [length, characters...].
cdef enum:
    ONE = 0
    OPTIONAL = 1
    ALTERNATIVES = 2
    TITLE_ROOM = 128


cdef class _Title:
    """One title's pattern ("[Ss]pokes(?:man|woman|person)", "Mr\\.?") as C items, matched case and all."""

    cdef Py_UCS4 items[TITLE_ROOM]
    cdef Py_ssize_t size


cdef dict _TITLE_PROGRAMS = {}  # the folded title word -> its _Title (the scanner reports the word)


cdef _Title _title_program(str rx):
    """The C form of a title's pattern, for the forms _TITLES writes (else _stale).

    The forms: ASCII letters, classes of them ("[Aa]"), an escaped dot, a group of literal
    alternatives none of which begins another (so at most one matches, and nothing is given
    back), and "?" on the last character, which _PERSON_NAME's ",?\\s+" cannot take instead.
    The first item is a letter, so the pattern's ``\\b`` is the one before the title.
    """
    cdef _Title title = _Title()
    cdef list items = []
    cdef Py_ssize_t i = 0, j, n = len(rx)
    while i < n:
        if rx[i] == u"[":
            j = rx.find("]", i)
            chars = rx[i + 1 : j]
            if j < 0 or not chars or not (chars.isascii() and chars.isalpha()):
                raise _stale(f"geo._speedups cannot match the title {rx!r} in C")
            items.append([ONE, chars])
            i = j + 1
        elif rx.startswith("\\.", i):
            items.append([ONE, "."])
            i += 2
        elif rx.startswith("(?:", i):
            j = rx.find(")", i)
            words = rx[i + 3 : j].split("|") if j > 0 else [""]
            if not all(w.isascii() and w.isalpha() for w in words) or any(
                a != b and b.startswith(a) for a in words for b in words
            ):
                raise _stale(f"geo._speedups cannot match the title {rx!r} in C")
            items.append([ALTERNATIVES, words])
            i = j + 1
        elif rx[i].isascii() and rx[i].isalpha():
            items.append([ONE, rx[i]])
            i += 1
        else:
            raise _stale(f"geo._speedups cannot match the title {rx!r} in C")
        if i < n and rx[i] == u"?":
            item = items[len(items) - 1]
            if item[0] != ONE or i + 1 != n:
                raise _stale(f"geo._speedups cannot match the title {rx!r} in C")
            item[0] = OPTIONAL
            i += 1
    if not items or items[0][0] != ONE or not items[0][1].isalpha():
        raise _stale(f"geo._speedups cannot match the title {rx!r} in C")
    flat = []
    for kind, what in items:
        flat += [kind, len(what)]
        for part in what:
            if kind == ALTERNATIVES:
                flat += [len(part), *map(ord, part)]
            else:
                flat.append(ord(part))
    if len(flat) > TITLE_ROOM:
        raise _stale(f"geo._speedups cannot match the title {rx!r} in C")
    for i, code in enumerate(flat):
        title.items[i] = code
    title.size = len(flat)
    return title


cdef dict _title_programs(module):
    """The title word -> _Title table of geo.toponyms, checked against its _TITLE_AT patterns."""
    cdef dict programs = {}
    for rx, words in module._TITLES:
        title = _title_program(rx)
        for word in words.split():
            pattern = module._TITLE_AT.get(word)
            if pattern is None or (pattern.pattern, int(pattern.flags)) != (
                "\\b(?:" + rx + ")" + module._PERSON_NAME, 32
            ):
                raise _stale(f"geo._speedups matches the title {word!r} as _TITLE_AT was, not as it is now")
            programs[word] = title
    if programs.keys() != module._TITLE_AT.keys():
        raise _stale("geo._speedups matches the titles of _TITLES, not all of _TITLE_AT's")
    return programs


# -- matching -----------------------------------------------------------------------------------------
# The text is read as its characters, with _speedups_dateline.pxi's _Chars helpers, in functions that call no Python.


cdef Py_ssize_t _title_end(_Title title, const _Chars *t, Py_ssize_t p) noexcept:
    """Where the title's pattern matched at ``p`` ends, or -1."""
    cdef Py_ssize_t o = 0, count, k, length, at
    cdef Py_UCS4 kind
    cdef bint hit
    while o < title.size:
        kind, count = title.items[o], title.items[o + 1]
        o += 2
        if kind == ALTERNATIVES:
            at = -1
            for _ in range(count):
                length = title.items[o]
                if at < 0 and p + length <= t.n:
                    for k in range(length):
                        if _char(t, p + k) != title.items[o + 1 + k]:
                            break
                    else:
                        at = p + length
                o += 1 + length
            if at < 0:
                return -1
            p = at
        else:
            hit = False
            if p < t.n:
                for k in range(count):
                    if _char(t, p) == title.items[o + k]:
                        hit = True
                        break
            o += count
            if hit:
                p += 1
            elif kind == ONE:
                return -1
    return p


# _PERSON_NAME's particles (it is pinned in _MATCHED_IN_C), in its order: the first word's, the further words'
cdef const char *_FIRST_PARTICLES = b"al|el|bin|ibn|Al|El|Abu|Abdul|de"
cdef const char *_NEXT_PARTICLES = b"al|el|bin|ibn|Al|El|Abu"


cdef inline Py_ssize_t _capital_word(const _Chars *t, Py_ssize_t p) noexcept:
    """The end of ``[A-Z][\\w’'-]+`` at ``p`` (greedy), or -1."""
    if not _capital(t, p) or p + 1 >= t.n or not _token_char(_char(t, p + 1)):
        return -1
    p += 2
    while p < t.n and _token_char(_char(t, p)):
        p += 1
    return p


cdef Py_ssize_t _name_word(const _Chars *t, Py_ssize_t p, const char *particles) noexcept:
    """The end of ``(?:(?:particles)[-\\s])?[A-Z][\\w’'-]+`` at ``p``, or -1.

    The particle is tried first and given back when no capitalised word follows it. No particle
    begins another, so one at most stands at ``p``.
    """
    cdef Py_ssize_t q = _ascii_at(t, p, particles), e
    cdef Py_UCS4 ch
    if 0 <= q < t.n:
        ch = _char(t, q)
        if ch == u"-" or Py_UNICODE_ISSPACE(ch):
            e = _capital_word(t, q + 1)
            if e >= 0:
                return e
    return _capital_word(t, p)


cdef bint _title_at(str text, Py_ssize_t start, _Title title, Py_ssize_t *span) noexcept:
    """``_TITLE_AT[word].match(text, start)``: whether it matches, and then ``span`` its group 1.

    The group ends the pattern, so the match ends where it does. Each part takes what it can: no
    later part could match what an earlier one gives back (",?" a comma, "\\s+" whitespace, a
    word all of its [\\w’'-] run), and the {0,3} further words stop at the first that fails.
    """
    cdef _Chars t
    cdef Py_ssize_t p, e, q, r
    t.kind = PyUnicode_KIND(text)
    t.data = PyUnicode_DATA(text)
    t.n = PyUnicode_GET_LENGTH(text)
    if start >= t.n or (start > 0 and _isword(_char(&t, start - 1))):  # \b, before a letter
        return False
    p = _title_end(title, &t, start)
    if p < 0:
        return False
    if p < t.n and _char(&t, p) == u",":
        p += 1
    q = _past_space(&t, p)
    if q == p:
        return False
    e = _name_word(&t, q, _FIRST_PARTICLES)
    if e < 0:
        return False
    for _ in range(3):
        r = _past_space(&t, e)
        if r == e:
            break
        r = _name_word(&t, r, _NEXT_PARTICLES)
        if r < 0:
            break
        e = r
    span[0], span[1] = q, e
    return True


cdef list _titles_in(str text, list titles):
    """geo.toponyms._titles_at in C: the spans of the names after the titles (``titles``: start, word)."""
    cdef list found = []
    cdef Py_ssize_t last = 0, start
    cdef Py_ssize_t span[2]
    for start, word in titles:
        if start >= last and _title_at(text, start, <_Title>_TITLE_PROGRAMS[word], span):
            found.append((span[0], span[1]))
            last = span[1]
    return found


cdef tuple _persons(str text, list spans):
    """geo.toponyms._person_spans of the names at ``spans``: the spans, and the names' words of 3 letters or more."""
    cdef set tokens = set()
    cdef Py_ssize_t i, j, n
    cdef str name, token
    for s, e in spans:
        name = text[s:e]
        n = len(name)
        i = 0
        while i <= n:  # re.split(r"[\s-]+", name), then strip("’'") each piece
            j = i
            while j < n and not (Py_UNICODE_ISSPACE(_ch(name, j)) or _ch(name, j) == u"-"):
                j += 1
            token = name[i:j].strip("’'")
            if len(token) > 2 and Py_UNICODE_ISUPPER(token[0]) and token.lower() not in _PARTICLES:
                tokens.add(token)
            if j >= n:
                break
            i = j
            while i < n and (Py_UNICODE_ISSPACE(_ch(name, i)) or _ch(name, i) == u"-"):
                i += 1
    return spans, tokens


def title_at(str text, Py_ssize_t start, str word):
    """``_TITLE_AT[word].match(text, start)`` in C (for the tests): (end, group 1 start, group 1 end), or None."""
    cdef Py_ssize_t span[2]
    if start < 0 or not _title_at(text, start, <_Title>_TITLE_PROGRAMS[word], span):
        return None
    return span[1], span[0], span[1]


def persons(str text, list titles):
    """geo.toponyms._person_spans(text, _titles_at(text, titles)) in C (for the tests)."""
    return _persons(text, _titles_in(text, titles))
