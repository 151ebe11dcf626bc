# Included by geo/_speedups.pyx: geo.toponyms._ORG_AFTER matched in C ("Kurdistan Regional Government").
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
