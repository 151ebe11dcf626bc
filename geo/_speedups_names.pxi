# Included by geo/_speedups.pyx: the names the gazetteer lacks (geo/_unknown.py) and people's names
# (geo/_name_rules.py), for a plain text.


cdef inline bint _cue_ends_well(str text, Py_ssize_t e, Py_UCS4 article) noexcept:
    """After a cue ending at ``e`` the unknown-place pattern needs whitespace, then a capital, or the article,
    whitespace and a capital (``article``: the article's first character, 0 for none)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), q
    if not (e < n and Py_UNICODE_ISSPACE(_ch(text, e))):
        return False
    q = _skip_space(text, e, n)
    if q < n and u"A" <= _ch(text, q) <= u"Z":
        return True
    if article == 0 or not _literal(text, q, _ARTICLE):
        return False
    q += len(_ARTICLE)
    if not (q < n and Py_UNICODE_ISSPACE(_ch(text, q))):
        return False
    q = _skip_space(text, q, n)
    return q < n and u"A" <= _ch(text, q) <= u"Z"


cdef bint _cue_phrase_at(str text, str spaced, Py_ssize_t i, object first, Py_UCS4 article):
    """Whether a cue phrase starting with the word ``first`` stands at ``text[i]``, followed as the pattern needs."""
    cdef Py_ssize_t q
    phrases = _UNKNOWN_PHRASES.get(first)
    if phrases is None:
        return True  # not known here: let the pattern look
    for words in <tuple>phrases:
        q = _phrase_end(spaced, i + 1, <tuple>words)  # spaced[i + 1] is text[i]
        if q >= 0 and _cue_ends_well(text, q - 1, article):
            return True
    return False


cdef bint _list_goes_on(str text, Py_ssize_t position):
    """False when the list pattern cannot match at ``position``: no list mark there, nor whitespace and a list
    word's first word."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), q, k
    for mark in _LIST_MARKS:
        if _literal(text, position, <str>mark):
            return True
    if position >= n or not Py_UNICODE_ISSPACE(_ch(text, position)):
        return False
    q = _skip_space(text, position, n)
    k = q
    while k < n and _isword(_ch(text, k)):
        k += 1
    return k > q and k - q <= _LIST_LONGEST and text[q:k] in _LIST_FIRST


cdef bint _free_at(Py_ssize_t *starts, Py_ssize_t *ends, Py_ssize_t count, list taken, Py_ssize_t s, Py_ssize_t e):
    """geo._unknown.Unknown.free: no known mention (``starts``/``ends``, sorted) and nothing in ``taken`` overlaps."""
    cdef Py_ssize_t lo = 0, hi = count, mid
    while lo < hi:  # the known mentions starting before ``e``
        mid = (lo + hi) // 2
        if starts[mid] < e:
            lo = mid + 1
        else:
            hi = mid
    if lo > 0 and ends[lo - 1] > s:
        return False
    for span in taken:
        if <Py_ssize_t>(<tuple>span)[0] < e and s < <Py_ssize_t>(<tuple>span)[1]:
            return False
    return True


cdef bint _may_be_unknown(str text, Py_ssize_t s, Py_ssize_t e, set person_tokens) except -1:
    """False when geo._unknown.Unknown.add turns the name down by its words: its first word no place or a
    demonym, or the name a word of a person's name."""
    cdef Py_ssize_t k = s
    while k < e and not Py_UNICODE_ISSPACE(_ch(text, k)):
        k += 1
    first = text[s:k]
    if first in NOT_PLACES or first.lower() in _DEMONYMS:
        return False
    return not (person_tokens and text[s:e] in person_tokens)


cdef class _Unknowns:
    """geo._unknown.Unknown for a plain text: the names taken here, and :meth:`add` with the same checks."""

    cdef str text, doc_id
    cdef object lexicon
    cdef set person_tokens
    cdef list taken, out
    cdef dict lowered  # per lowered surface: whether the text has it as a word
    cdef Py_ssize_t *starts  # the known mentions' starts and ends (the caller's arrays)
    cdef Py_ssize_t *ends
    cdef Py_ssize_t count

    cdef void add(self, Py_ssize_t start, Py_ssize_t end) except *:
        """geo._unknown.Unknown.add: keep ``text[start:end]`` unless a check turns it down."""
        cdef str text = self.text
        if not (
            _free_at(self.starts, self.ends, self.count, self.taken, start, end)
            and _may_be_unknown(text, start, end, self.person_tokens)
        ):
            return
        if _org_after_match(text, end) is not None:
            return
        surface = text[start:end]
        lowered = (<str>surface).lower()
        common = self.lowered.get(lowered)
        if common is None:
            common = self.lowered[lowered] = _has_word(text, <str>lowered)
        if common:
            return  # written in lower case elsewhere: a common word, not a name
        match = _generic_full_match(text, end)
        if match is not None:
            end = match.end()
        ids = _near_miss(self.lexicon, " ".join(_fold_text(surface).split()))
        mention = _alloc(_MENTION_SLOTS)
        _put(mention, _MENTION_SLOTS, 0, self.doc_id)
        _put(mention, _MENTION_SLOTS, 1, start)
        _put(mention, _MENTION_SLOTS, 2, end)
        _put(mention, _MENTION_SLOTS, 3, text[start:end])
        _put(mention, _MENTION_SLOTS, 4, ids)
        _put(mention, _MENTION_SLOTS, 5, _SOURCE_FUZZY if ids else _SOURCE_UNKNOWN)
        _put(mention, _MENTION_SLOTS, 6, _NO_HINTS)
        _put(mention, _MENTION_SLOTS, 7, False)
        self.out.append(mention)
        self.taken.append((start, end))

    cdef void again(self, str name) except *:
        """Unknown.again for one name: add() at every place geo._unknown._find_words finds it."""
        cdef str text = self.text
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = len(name), index
        index = PyUnicode_Find(text, name, 0, n, 1)
        while index >= 0:
            if _bounded(text, index) and _bounded(text, index + m):
                self.add(index, index + m)
                index = PyUnicode_Find(text, name, index + m, n, 1)
            else:
                index = PyUnicode_Find(text, name, index + 1, n, 1)


cdef bint _has_word(str text, str word) except -1:
    """``next(geo._unknown._find_words(text, word), -1) >= 0``: ``word`` stands in ``text`` between \\b's."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = len(word), index
    index = PyUnicode_Find(text, word, 0, n, 1)
    while index >= 0:
        if _bounded(text, index) and _bounded(text, index + m):
            return True
        index = PyUnicode_Find(text, word, index + 1, n, 1)
    return False


cdef list _unknown_in(str text, list kept, list cues, list person_spans, set person_tokens, lexicon, str doc_id):
    """geo._unknown.unknown_mentions with the cue words found: the cue and list patterns tried where they stand
    (the list pattern only where its mark or word stands), each name checked as Unknown.add checks it."""
    cdef Py_ssize_t count = len(kept), i, start, last = 0, s, e, position
    cdef Py_ssize_t *starts = <Py_ssize_t *>malloc((2 * count + 1) * sizeof(Py_ssize_t))
    cdef _Unknowns found = _Unknowns.__new__(_Unknowns)
    if starts == NULL:
        raise MemoryError()
    found.text, found.doc_id, found.lexicon, found.person_tokens = text, doc_id, lexicon, person_tokens
    found.taken, found.out, found.lowered = list(person_spans), [], {}
    found.starts, found.ends, found.count = starts, starts + count, count
    try:
        for i in range(count):
            mention = <object>PyList_GET_ITEM(kept, i)
            starts[i], starts[count + i] = _slot(mention, _MENTION_SLOTS, 1), _slot(mention, _MENTION_SLOTS, 2)
        for start in cues:
            if start < last:
                continue
            match = _unknown_match(text, start)
            if match is None:
                continue
            last = match.end()
            s, e = match.span(1)
            found.add(s, e)
            position = e
            while _list_goes_on(text, position):  # the list goes on
                following = _list_next_match(text, position)
                if following is None:
                    break
                s, e = following.span(1)
                found.add(s, e)
                position = e
        if found.out:  # Unknown.again: each name taken, wherever else the text writes it
            for name in sorted({text[<Py_ssize_t>m.start : <Py_ssize_t>m.end] for m in found.out}):
                found.again(<str>name)
        return found.out
    finally:
        found.starts = found.ends = NULL
        free(starts)


cdef bint _name_may_follow(str text, Py_ssize_t e) except -1:
    """False when no name can follow a title word ending at ``e`` (geo._rulebook.Rules.title_next): the title's
    punctuation, whitespace, then a capital or a particle's first word."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), q = e, k
    if _TITLE_NEXT is None:
        return True
    while q < n and not Py_UNICODE_ISSPACE(_ch(text, q)) and not _isword(_ch(text, q)):
        q += 1
    if not (q < n and Py_UNICODE_ISSPACE(_ch(text, q))):
        return False
    q = _skip_space(text, q, n)
    if q < n and u"A" <= _ch(text, q) <= u"Z":
        return True
    k = q
    while k < n and _isword(_ch(text, k)):
        k += 1
    return k > q and text[q:k] in _TITLE_NEXT


cdef tuple _people(str text, list titles):
    """geo._name_rules.person_spans(text, geo._name_rules.titles_at(text, titles)): each title's pattern tried
    where the scanner found its word, and the name's words split, stripped and kept as the tables say."""
    cdef list spans = []
    cdef set tokens = set()
    cdef Py_ssize_t last = 0, start, s, e, i, j, a, b
    cdef Py_UCS4 c
    for start, word in titles:
        if start < last or not _name_may_follow(text, start + len(<str>word)):
            continue
        match = _TITLE_AT[word](text, start)
        if match is None:
            continue
        last = match.end()
        s, e = match.span(1)
        spans.append((s, e))
        i = s
        while i < e:
            while i < e and (Py_UNICODE_ISSPACE(_ch(text, i)) or _among(_ch(text, i), _WORD_BREAKS)):
                i += 1
            j = i
            while j < e and not (Py_UNICODE_ISSPACE(_ch(text, j)) or _among(_ch(text, j), _WORD_BREAKS)):
                j += 1
            a, b = i, j
            while a < b and _among(_ch(text, a), _WORD_QUOTES):
                a += 1
            while b > a and _among(_ch(text, b - 1), _WORD_QUOTES):
                b -= 1
            if b - a > _WORD_OVER and Py_UNICODE_ISUPPER(_ch(text, a)):
                token = text[a:b]
                if (<str>token).lower() not in _PARTICLES:
                    tokens.add(token)
            i = j
    return spans, tokens
