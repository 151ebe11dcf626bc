# Included by geo/_speedups.pyx: geo.toponyms.find_dateline, its three patterns matched in C.
#
# Each matcher gives what ``Pattern.match(text, pos)`` gives: the first way, in the regex's own order of
# trying, that the pattern matches. Most of the patterns' runs cannot give back a character and still match
# (the character given back is not one the next part can start with), so they are read to their end; where
# giving back can matter it is tried in the regex's order, with the reason beside it:
#
# * the place's ``(?:[ -]...){0,2}``: after 2, 1, then 0 more words (a line "AL-QAIM" alone has the dateline "AL-");
# * _DATELINE's ``(?:,\s*[A-Z][\w .]{1,30}?)?``: the lazy run one character longer at a time, then without it;
# * _AGENCY_DATELINE's ``(?=[^)]*(?:News|...))``: any of the words before the first ")".


cdef struct _Chars:  # a str's characters, as PyUnicode_READ reads them
    int kind
    void *data
    Py_ssize_t n


cdef inline Py_UCS4 _char(const _Chars *t, Py_ssize_t i) noexcept:
    return PyUnicode_READ(t.kind, t.data, i)


cdef inline bint _capital(const _Chars *t, Py_ssize_t i) noexcept:
    """``[A-Z]`` at ``i``."""
    return i < t.n and 65 <= <int>_char(t, i) <= 90


cdef inline bint _is_dash(Py_UCS4 ch) noexcept:
    """``[-–—:]``."""
    return ch == u"-" or ch == u"–" or ch == u"—" or ch == u":"


cdef inline bint _is_digit(const _Chars *t, Py_ssize_t i) noexcept:
    """``\\d`` at ``i``: a str pattern's \\d is any Unicode decimal digit."""
    return i < t.n and Py_UNICODE_ISDECIMAL(_char(t, i))


cdef inline Py_ssize_t _past_space(const _Chars *t, Py_ssize_t i) noexcept:
    """Past ``\\s*`` at ``i``."""
    while i < t.n and Py_UNICODE_ISSPACE(_char(t, i)):
        i += 1
    return i


cdef Py_ssize_t _ascii_at(const _Chars *t, Py_ssize_t i, const char *words) noexcept:
    """Where the first of the ASCII ``words`` (case and all, split by "|") that stands at ``i`` ends, or -1."""
    cdef Py_ssize_t k = 0
    while True:
        if words[k] == 0 or words[k] == 124:  # the whole word read
            return i + k
        if i + k < t.n and _char(t, i + k) == <Py_UCS4>(<unsigned char>words[k]):
            k += 1
            continue
        while words[k] != 0 and words[k] != 124:  # on to the next word
            k += 1
        if words[k] == 0:
            return -1
        words += k + 1
        k = 0


cdef Py_ssize_t _run_end(const _Chars *t, Py_ssize_t i, bint capitals) noexcept:
    """Past the ``[A-Z'’.]`` (``capitals``) or ``[a-z'’]`` characters at ``i``."""
    cdef Py_UCS4 ch
    while i < t.n:
        ch = _char(t, i)
        if ch == u"'" or ch == u"’":
            pass
        elif capitals:
            if not (65 <= <int>ch <= 90 or ch == u"."):
                break
        elif not (97 <= <int>ch <= 122):
            break
        i += 1
    return i


cdef int _place_ends(const _Chars *t, Py_ssize_t p, bint capitals, Py_ssize_t *ends) noexcept:
    """Where group 1, ``[A-Z][X]+(?:[ -][A-Z][X]+){0,2}`` with X ``[A-Z'’.]`` or ``[a-z'’]``, can end: ``ends[k]``
    after ``k`` more words, for the count returned (0: no match). A run never gives back a character, as the
    patterns go on with none of X."""
    cdef Py_ssize_t e
    cdef int count
    if not _capital(t, p):
        return 0
    e = _run_end(t, p + 1, capitals)
    if e == p + 1:
        return 0
    ends[0] = e
    count = 1
    while count < 3 and e < t.n and (_char(t, e) == u" " or _char(t, e) == u"-") and _capital(t, e + 1):
        e = _run_end(t, e + 2, capitals)
        if e == ends[count - 1] + 2:  # "[A-Z]" with no "[X]+" after it
            break
        ends[count] = e
        count += 1
    return count


cdef Py_ssize_t _paren_end(const _Chars *t, Py_ssize_t i, Py_ssize_t most) noexcept:
    """Where ``\\([^)]{1,most}\\)`` at ``i`` ends, or -1: the first ")" after the "(" decides."""
    cdef Py_ssize_t k
    if i >= t.n or _char(t, i) != u"(":
        return -1
    for k in range(i + 1, min(i + 2 + most, t.n)):
        if _char(t, k) == u")":
            return k + 1 if k > i + 1 else -1
    return -1


cdef Py_ssize_t _dash_end(const _Chars *t, Py_ssize_t i) noexcept:
    """Where ``\\s*(?:\\([^)]{1,30}\\)\\s*)?[-–—:]`` at ``i`` ends, or -1."""
    cdef Py_ssize_t e
    i = _past_space(t, i)
    e = _paren_end(t, i, 30)
    if e >= 0:  # else: no dash at the "(" either
        i = _past_space(t, e)
    return i + 1 if i < t.n and _is_dash(_char(t, i)) else -1


cdef Py_ssize_t _dateline_rest(const _Chars *t, Py_ssize_t i) noexcept:
    """Where _DATELINE's ``\\s*(?:,\\s*[A-Z][\\w .]{1,30}?)?`` and _dash_end, after the place at ``i``, end, or -1."""
    cdef Py_ssize_t r, k, end
    cdef Py_UCS4 ch
    i = _past_space(t, i)  # (the second \s* only reads again what a shorter first one gives back)
    if i < t.n and _char(t, i) == u",":
        r = _past_space(t, i + 1)
        if _capital(t, r):
            for k in range(r + 1, min(r + 31, t.n)):  # the lazy run: one character more each time
                ch = _char(t, k)
                if not (_isword(ch) or ch == u" " or ch == u"."):
                    break
                end = _dash_end(t, k + 1)
                if end >= 0:
                    return end
    return _dash_end(t, i)


cdef const char *_MONTHS = b"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
cdef const char *_AGENCY_WORDS = b"News|Agency|Press|Reuters|AFP|Sputnik|IRNA|Tasnim|Xinhua|Anadolu|IANS|Rudaw"


cdef Py_ssize_t _dated_rest(const _Chars *t, Py_ssize_t i) noexcept:
    """Where _DATED_DATELINE after the place at ``i`` ends, or -1:
    ``,\\s+MONTH[a-z]*\\.?\\s+\\d{1,2}(?:,\\s+\\d{4})?\\s*(?:\\([^)]{1,30}\\)\\s*[-–—:]?|[-–—:])``.
    A digit given back by ``\\d{1,2}``, or the year left out, leaves a digit or the "," where nothing can follow."""
    cdef Py_ssize_t r, e
    if i >= t.n or _char(t, i) != u",":
        return -1
    r = _past_space(t, i + 1)
    if r == i + 1 or _ascii_at(t, r, _MONTHS) < 0:  # three letters each: at most one can stand there
        return -1
    r += 3
    while r < t.n and 97 <= <int>_char(t, r) <= 122:
        r += 1
    if r < t.n and _char(t, r) == u".":
        r += 1
    e = _past_space(t, r)
    if e == r or not _is_digit(t, e):
        return -1
    r = e + 2 if _is_digit(t, e + 1) else e + 1
    if r < t.n and _char(t, r) == u",":
        e = _past_space(t, r + 1)
        if e > r + 1 and _is_digit(t, e) and _is_digit(t, e + 1) and _is_digit(t, e + 2) and _is_digit(t, e + 3):
            r = e + 4
    r = _past_space(t, r)
    e = _paren_end(t, r, 30)
    if e >= 0:
        e = _past_space(t, e)
        return e + 1 if e < t.n and _is_dash(_char(t, e)) else e
    return r + 1 if r < t.n and _is_dash(_char(t, r)) else -1


cdef bint _agency_word_at(const _Chars *t, Py_ssize_t j) noexcept:
    """``(?:News|Agency|...|AP\\b|...|Kurdistan\\s?24|\\d{4})`` at ``j``."""
    cdef Py_ssize_t k
    if _ascii_at(t, j, _AGENCY_WORDS) >= 0:
        return True
    if _ascii_at(t, j, b"AP") >= 0 and (j + 2 >= t.n or not _isword(_char(t, j + 2))):
        return True
    if _ascii_at(t, j, b"Kurdistan") >= 0:
        k = j + 9
        if k < t.n and Py_UNICODE_ISSPACE(_char(t, k)):  # \s? takes the space if it can, else gives it back
            if _ascii_at(t, k + 1, b"24") >= 0:
                return True
        if _ascii_at(t, k, b"24") >= 0:
            return True
    for k in range(j, j + 4):
        if not _is_digit(t, k):
            return False
    return True


cdef Py_ssize_t _agency_rest(const _Chars *t, Py_ssize_t i) noexcept:
    """Where _AGENCY_DATELINE's ``\\s*\\((?=[^)]*(?:News|...))[^)]{1,60}\\)`` after the place at ``i`` ends, or -1."""
    cdef Py_ssize_t end, j
    i = _past_space(t, i)
    end = _paren_end(t, i, 60)
    if end < 0:
        return -1
    for j in range(i + 1, end - 1):  # the lookahead's word starts before the first ")" (none holds a ")")
        if _agency_word_at(t, j):
            return end
    return -1


cdef bint _dateline_at(const _Chars *t, Py_ssize_t pos, Py_ssize_t *span) noexcept:
    """Whether _DATELINE, _DATED_DATELINE or _AGENCY_DATELINE (find_dateline's order) matches at ``pos``:
    span[0:2] the match's span, span[2:4] group 1's."""
    cdef Py_ssize_t p = pos, end
    cdef Py_ssize_t capitals[3]
    cdef Py_ssize_t title_case[3]
    cdef int count, k
    cdef Py_UCS4 ch
    while p < t.n:  # [^\w\n]*: giving back cannot help, as [A-Z] follows
        ch = _char(t, p)
        if ch == u"\n" or _isword(ch):
            break
        p += 1
    span[0], span[2] = pos, p
    count = _place_ends(t, p, True, capitals)
    for k in range(count - 1, -1, -1):
        end = _dateline_rest(t, capitals[k])
        if end >= 0:
            span[1], span[3] = end, capitals[k]
            return True
    for k in range(_place_ends(t, p, False, title_case) - 1, -1, -1):
        end = _dated_rest(t, title_case[k])
        if end >= 0:
            span[1], span[3] = end, title_case[k]
            return True
    for k in range(count - 1, -1, -1):
        end = _agency_rest(t, capitals[k])
        if end >= 0:
            span[1], span[3] = end, capitals[k]
            return True
    return False


cdef Py_ssize_t _DATELINE_LINES = 0  # geo.toponyms._DATELINE_LINES, _DATELINE_REACH
cdef Py_ssize_t _DATELINE_REACH = 0


cdef bint _find_dateline(str text, Py_ssize_t *span) noexcept:
    """geo.toponyms.find_dateline(text) is not None; span[0:2] its span, span[2:4] its group 1 (the place)."""
    cdef _Chars t
    cdef Py_ssize_t pos = 0, lines = 0, end, k, reach
    t.kind = PyUnicode_KIND(text)
    t.data = PyUnicode_DATA(text)
    t.n = PyUnicode_GET_LENGTH(text)
    reach = min(_DATELINE_REACH, t.n)
    while lines < _DATELINE_LINES:
        if _dateline_at(&t, pos, span):
            return True
        end = pos  # text.find("\n", pos, _DATELINE_REACH)
        while end < reach and _char(&t, end) != u"\n":
            end += 1
        if end >= reach:
            break
        for k in range(pos, end):  # lines += bool(text[pos:end].strip())
            if not Py_UNICODE_ISSPACE(_char(&t, k)):
                lines += 1
                break
        pos = end + 1
    return False


def dateline_spans(str text not None):
    """find_dateline(text)'s ``(span(), span(1))``, or None, from the C matcher (for the tests)."""
    cdef Py_ssize_t span[4]
    if not _find_dateline(text, span):
        return None
    return (span[0], span[1]), (span[2], span[3])

