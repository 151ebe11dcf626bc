# Included by geo/_speedups.pyx: looks at the text around a position, handed their words by the rules
# (geo._rulebook.Rules) at binding. Each is a necessary condition of a pattern (or, where a table says so,
# a sufficient one), so the pattern is called only where it can match.


cdef bint _run_in(str text, Py_ssize_t index, frozenset words, Py_ssize_t longest, bint fold) except -1:
    """Whether the run of word characters (``\\w``) that ends at ``index`` is one of ``words``.

    ``fold``: the words are in small letters and the pattern reads case-insensitively; a run with a
    character beyond ASCII then counts as one of them (``re.I`` matches a few of those to ASCII letters).
    """
    cdef Py_ssize_t k = _word_back(text, index)
    if k == index or index - k > longest:
        return False
    word = text[k:index]
    if fold:
        if not (<str>word).isascii():
            return True
        word = (<str>word).lower()
    return word in words


cdef bint _alone_before(str text, Py_ssize_t start, Py_ssize_t lo, frozenset words) except -1:
    """Whether the word before ``start`` (whitespace between) starts at ``lo`` or later and is, in ASCII and any
    case, one of ``words``: then a pattern ``\\b(?:words)\\s+$`` searched in ``text[lo:start]`` matches."""
    cdef Py_ssize_t index = _space_back(text, start), k
    if index == start:
        return False
    k = _word_back(text, index)
    if k == index or k < lo:
        return False
    word = text[k:index]
    return (<str>word).isascii() and (<str>word).lower() in words


cdef bint _has_any(str text, Py_ssize_t lo, Py_ssize_t hi, tuple words) except -1:
    """Whether one of ``words`` (small letters) stands in ``text[lo:hi]``, in any case; True for a stretch
    beyond ASCII (``re.I`` matches a few characters there to ASCII letters)."""
    part = text[lo:hi]
    if not (<str>part).isascii():
        return True
    part = (<str>part).lower()
    for word in words:
        if word in part:
            return True
    return False


cdef bint _ends_in(str text, Py_ssize_t index, str chars) noexcept:
    """Whether ``text[index - 1]`` is one of ``chars``."""
    cdef Py_UCS4 c = _ch(text, index - 1)
    cdef Py_ssize_t k
    for k in range(len(chars)):
        if _ch(chars, k) == c:
            return True
    return False


cdef inline bint _among(Py_UCS4 c, str chars) noexcept:
    """Whether ``c`` is one of ``chars``."""
    cdef Py_ssize_t k
    for k in range(len(chars)):
        if _ch(chars, k) == c:
            return True
    return False


cdef inline bint _bounded(str text, Py_ssize_t index) noexcept:
    """geo._unknown._bounded: ``\\b`` at ``index``, a word character on one side only."""
    cdef bint before = index > 0 and _isword(_ch(text, index - 1))
    cdef bint after = index < PyUnicode_GET_LENGTH(text) and _isword(_ch(text, index))
    return before != after


# -- phrases: word sequences of the tables looked for in the spaced text ---------------------------------
cdef Py_ssize_t _phrase_end(str spaced, Py_ssize_t q, tuple words):
    """Where the phrase ``words`` ends in the spaced text when it starts at ``q`` (its words apart by spaces,
    the last one followed by a space), else -1.

    A pattern that matches the phrase's words, each between word boundaries, matches only where this finds
    them: the spaced text writes each separator as a space, and folds (so this may find more).
    """
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(spaced), m, k, j
    for k in range(len(words)):
        if k:
            while q < n and _ch(spaced, q) == u" ":
                q += 1
        word = <str>words[k]
        m = len(word)
        if q + m >= n:
            return -1
        for j in range(m):
            if _ch(spaced, q + j) != _ch(word, j):
                return -1
        if _ch(spaced, q + m) != u" ":
            return -1
        q += m
    return q


cdef bint _phrases_at(str spaced, Py_ssize_t q, object phrases):
    """Whether one of ``phrases`` (a tuple of word tuples; None: no phrase) starts at ``q`` in the spaced text."""
    if phrases is None:
        return False
    for words in <tuple>phrases:
        if _phrase_end(spaced, q, <tuple>words) >= 0:
            return True
    return False
