# Included by geo/_speedups.pyx: the words around a name, matched in C where mentions_plain and _add would call
# a pattern for most names: geo.toponyms._ORG_AFTER, _ORG_BEFORE, _NAME_PARTICLE_AFTER, _LOCATIVE_BEFORE,
# _CAPITALISED_AFTER and geo._lexicon.GENERIC_AFTER. Each gives what its pattern gives where it is called
# (tests/test_speedups.py compares them at every position of generated text).


# geo.toponyms._ORG_AFTER ("Kurdistan Regional Government").
#
# The pattern is "[\s-]*", then one of its alternatives, then "\b". Only whether it matches is read, so the
# alternatives' order does not matter, and "[\s-]*" never has to give a character back: each alternative
# starts with a letter or a digit. In the table a space stands for "\s+"; "Workers['’]?\s+Party" is covered
# by "Workers" alone (a "\b" follows "Workers" there too).

cdef const char *_ORG_AFTER_WORDS[26]
_ORG_AFTER_WORDS[:] = [
    b"Regional Government", b"Region Security Council", b"Regional Security Council", b"Democratic Party",
    b"Workers", b"Free Life Party", b"Freedom Party", b"Islamic Union", b"Islamic Group", b"Islamic Movement",
    b"Times", b"TV", b"News", b"Agency", b"24", b"Stock Exchange", b"University", b"Football", b"Club",
    b"Tribune", b"Post", b"Daily", b"Observer", b"Broadcasting", b"Press", b"Chronicle",
]
cdef int _ORG_AFTER_COUNT = 26


cdef bint _words_stand_at(str text, Py_ssize_t i, const char *words) noexcept:
    """Whether ``words`` (ASCII; a space for "\\s+") stand at ``i``, then "\\b"."""
    cdef Py_ssize_t n = len(text), k = 0
    while words[k] != 0:
        if words[k] == 32:
            if i >= n or not Py_UNICODE_ISSPACE(_ch(text, i)):
                return False
            while i < n and Py_UNICODE_ISSPACE(_ch(text, i)):
                i += 1
        elif i < n and _ch(text, i) == <Py_UCS4>(<unsigned char>words[k]):
            i += 1
        else:
            return False
        k += 1
    return i == n or not _isword(_ch(text, i))


cdef bint _org_after(str text, Py_ssize_t end) noexcept:
    """``_ORG_AFTER.match(text, end) is not None``."""
    cdef Py_ssize_t n = len(text), i = end
    cdef Py_UCS4 ch
    cdef int k
    while i < n and (_ch(text, i) == u"-" or Py_UNICODE_ISSPACE(_ch(text, i))):
        i += 1
    if i >= n:
        return False
    ch = _ch(text, i)
    if not (u"A" <= ch <= u"Z" or ch == u"2"):
        return False
    for k in range(_ORG_AFTER_COUNT):
        if <Py_UCS4>(<unsigned char>_ORG_AFTER_WORDS[k][0]) == ch and _words_stand_at(text, i, _ORG_AFTER_WORDS[k]):
            return True
    return False


def org_after(str text not None, Py_ssize_t end) -> bool:
    """_org_after, for the tests."""
    return _org_after(text, end)


# geo.toponyms._LOCATIVE_BEFORE: "in", "near", ... then whitespace, just before a name ("in Erbil"), looked for
# in the 12 characters before it. The "\s+$" run ends at the name, so the word is the one before that run;
# "\b" (read against the whole text) makes it a whole word. A word with a character beyond ASCII (which
# re.I may fold to an ASCII letter: "İn") is left to the pattern.
cdef tuple _LOCATIVES = (
    "in", "near", "at", "from", "to", "of", "around", "outside", "into", "toward", "towards", "and", "or"
)


cdef bint _locative_before(str text, Py_ssize_t start) except -1:
    """``_LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None``."""
    cdef Py_ssize_t lo = max(0, start - 12), q = start, p, k, m
    cdef str word
    while q > lo and Py_UNICODE_ISSPACE(_ch(text, q - 1)):
        q -= 1
    if q == start or q == lo:
        return False
    p = q
    while p > 0 and _isword(_ch(text, p - 1)):
        p -= 1
    if p < lo or p == q:
        return False
    for k in range(p, q):
        if _ch(text, k) >= 128:
            return _LOCATIVE_BEFORE.search(text, lo, start) is not None
    m = q - p
    for word in _LOCATIVES:
        if len(word) == m:
            for k in range(m):
                if _lower(_ch(text, p + k)) != _ch(word, k):
                    break
            else:
                return True
    return False


def locative_before(str text not None, Py_ssize_t start) -> bool:
    """_locative_before, for the tests."""
    return _locative_before(text, start)


# geo.toponyms._ORG_BEFORE ("Democratic Party of Iranian Kurdistan"), looked for in the 60 characters before a
# name, read backwards from it. Its words after the first are each a whole run of non-whitespace with
# whitespace on either side, so the runs are compared whole; the first word ends its run, "\b" before it.
# Every way of leaving out the optional parts is tried. "$" also matches before a last "\n", but then so does
# a match ending at the name ("\s+" takes the "\n").
cdef tuple _ORG_BEFORE_FIRST = (
    "Party", "Union", "Council", "Bank", "Ministry", "Organisation", "Organization", "Movement", "Front",
    "Association", "Committee", "Society", "University", "Agency", "Federation", "Alliance", "Coalition", "League",
    "Authority", "Commission", "Broadcasting", "Komala", "Komalah", "Parliament", "Embassy", "Consulate",
)
# The parts after the first word, last first: each a tuple of alternatives (words, () when it may be left out).
cdef tuple _ORG_BEFORE_PARTS = (
    (("Iranian",), ("Iraqi",), ()),
    (("Free", "Life", "of"), ()),
    (("the",), ()),
    (("of",), ("for",), ("in",)),
)


cdef Py_ssize_t _words_back(str text, Py_ssize_t lo, Py_ssize_t end, tuple words) noexcept:
    """Where "\\s+".join(words) + "\\s+" starts when it ends at ``end``, not before ``lo``; -1 if it does not."""
    cdef Py_ssize_t k, r, a
    cdef str word
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        r = end
        while r > lo and Py_UNICODE_ISSPACE(_ch(text, r - 1)):
            r -= 1
        a = r - len(word)
        if r == end or a <= lo or not Py_UNICODE_ISSPACE(_ch(text, a - 1)) or not _literal(text, a, word):
            return -1
        end = a
    return end


cdef bint _org_before_from(str text, Py_ssize_t lo, Py_ssize_t end, Py_ssize_t part) noexcept:
    """Whether _ORG_BEFORE's parts up to ``part`` (counted from the last) match in text[lo:end], ending at ``end``."""
    cdef Py_ssize_t r = end, s
    cdef Py_UCS4 last
    cdef str word
    if part == len(_ORG_BEFORE_PARTS):  # the first word, then "\s+"
        while r > lo and Py_UNICODE_ISSPACE(_ch(text, r - 1)):
            r -= 1
        if r == end or r == lo:
            return False
        last = _ch(text, r - 1)
        for word in _ORG_BEFORE_FIRST:
            s = r - len(word)
            if _ch(word, len(word) - 1) == last and s >= lo and _literal(text, s, word) and _bound(text, s):
                return True
        return False
    for words in <tuple>_ORG_BEFORE_PARTS[part]:
        s = _words_back(text, lo, end, words)
        if s >= 0 and _org_before_from(text, lo, s, part + 1):
            return True
    return False


cdef bint _org_before(str text, Py_ssize_t start) noexcept:
    """``_ORG_BEFORE.search(text, max(0, start - 60), start) is not None``."""
    return _org_before_from(text, max(0, start - 60), start, 0)


def org_before(str text not None, Py_ssize_t start) -> bool:
    """_org_before, for the tests."""
    return _org_before(text, start)


# geo.toponyms._NAME_PARTICLE_AFTER: whitespace, "al", "bin" ..., "-" or whitespace, then a capital ("Qasim
# al-Araji"). The particles start with a letter, so the whitespace is the whole run.
cdef tuple _PARTICLE_WORDS = ("al", "Al", "el", "El", "bin", "ibn", "Abu")


cdef bint _name_particle_after(str text, Py_ssize_t end) noexcept:
    """``_NAME_PARTICLE_AFTER.match(text, end) is not None``."""
    cdef Py_ssize_t n = len(text), i = _skip_space(text, end, n), j
    cdef str word
    cdef Py_UCS4 ch
    if i == end:
        return False
    for word in _PARTICLE_WORDS:
        j = i + len(word)
        if j + 1 < n and _literal(text, i, word):
            ch = _ch(text, j)
            return (ch == u"-" or Py_UNICODE_ISSPACE(ch)) and u"A" <= _ch(text, j + 1) <= u"Z"
    return False


def name_particle_after(str text not None, Py_ssize_t end) -> bool:
    """_name_particle_after, for the tests."""
    return _name_particle_after(text, end)


# geo.toponyms._CAPITALISED_AFTER: " ", then a capitalised word, perhaps with a "-" and a second part ("Saman
# Barzinji", "Abd-Rahman"), then "\b". The small letters are taken greedily; giving one back leaves a letter
# after them, where "\b" fails, so only the whole runs are tried: with the second part, then without it.
cdef Py_ssize_t _capitalised_after(str text, Py_ssize_t end) noexcept:
    """Where the word ``_CAPITALISED_AFTER.match(text, end)`` finds (its group 1) ends; -1 where it finds none."""
    cdef Py_ssize_t n = len(text), p = end + 2, q, r
    if p >= n or _ch(text, end) != u" " or not (u"A" <= _ch(text, end + 1) <= u"Z"):
        return -1
    while p < n and u"a" <= _ch(text, p) <= u"z":
        p += 1
    if p == end + 2:
        return -1
    if p < n and _ch(text, p) == u"-":
        q = p + 1
        if q < n and u"A" <= _ch(text, q) <= u"Z":
            q += 1
        r = q
        while r < n and u"a" <= _ch(text, r) <= u"z":
            r += 1
        if r > q and (r == n or not _isword(_ch(text, r))):
            return r
        return p  # "\b" before the "-"
    return p if p == n or not _isword(_ch(text, p)) else -1


def capitalised_after(str text not None, Py_ssize_t end) -> int:
    """_capitalised_after, for the tests."""
    return _capitalised_after(text, end)


# geo._lexicon.GENERIC_AFTER: spaces or tabs, then a generic word ("Anbar province"), case-insensitive, then
# "\b". The alternatives are tried in the pattern's order, as the pattern tries them, written as in it with a
# space for "\s+". Each starts with a letter, so the spaces before it are the whole run, and so is its "\s+".
# A character is compared as re.I compares it (_ci: "İ", "ı" and "ſ" match too). An optional one ("-?", "s?")
# is taken when it is there: giving it back leaves what follows ("district", "\b") where it stands, to fail.
cdef tuple _GENERIC_WORDS = (
    "province", "governorate", "district", "county", "sub-?district", "region", "city", "town", "village",
    "border crossing", "crossing", "border gate", "camp", "mountains?",
)


cdef Py_ssize_t _generic_word_end(str text, Py_ssize_t i, str word) noexcept:
    """Where ``word`` (a _GENERIC_WORDS item) ends when it stands at ``i``, re.I; -1 where it does not."""
    cdef Py_ssize_t n = len(text), k = 0, m = len(word)
    cdef Py_UCS4 c
    cdef bint optional
    while k < m:
        c = _ch(word, k)
        optional = k + 1 < m and _ch(word, k + 1) == u"?"
        if c == u" ":
            if i >= n or not Py_UNICODE_ISSPACE(_ch(text, i)):
                return -1
            i = _skip_space(text, i, n)
        elif i < n and _ci(_ch(text, i), c):
            i += 1
        elif not optional:
            return -1
        k += 2 if optional else 1
    return i


cdef Py_ssize_t _generic_end(str text, Py_ssize_t end) noexcept:
    """``GENERIC_AFTER.match(text, end).end()``; -1 where it does not match."""
    cdef Py_ssize_t n = len(text), i = end, e
    cdef str word
    while i < n and (_ch(text, i) == u" " or _ch(text, i) == u"\t"):
        i += 1
    if i == end:
        return -1
    for word in _GENERIC_WORDS:
        e = _generic_word_end(text, i, word)
        if e >= 0 and (e == n or not _isword(_ch(text, e))):
            return e
    return -1


def generic_end(str text not None, Py_ssize_t end) -> int:
    """_generic_end, for the tests."""
    return _generic_end(text, end)
