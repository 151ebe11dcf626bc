# Included by geo/_speedups.pyx: resolution (geo/resolve.py).


def bind_resolve(module) -> None:
    """Take the helpers of :mod:`geo.resolve` (called once, when it is imported)."""
    global Place, _PLACE_SLOTS, _candidates_of, _Candidates, _names_an_area, _list_cues
    _list_cues = module._list_cues
    Place = module.Place
    _PLACE_SLOTS = _Slots(Place, _PLACE_FIELDS)
    _candidates_of = module._candidates_of
    _Candidates = module._Candidates
    _names_an_area = module._names_an_area


# The last text mentions_plain read, and its spaced text (folded: a capital is a small letter there).
cdef object _last_text = None
cdef str _last_spaced = None
cdef bint _last_special = True  # ... and whether that text holds "İ", "ı" or "ſ" (True: not known)
cdef bint _last_cues = True  # ... and whether a word of geo.resolve.LIST_CUE_WORDS stands in it (True: not known)
cdef tuple _CUE_WORDS = ()  # the list cue words (geo._rulebook.Rules.list_cue_words), bound by bind_toponyms


cdef list _cue_words(str text, str spaced):
    """geo.resolve._list_cues for a text without "İ", "ı" or "ſ", found in its spaced text.

    ``text.lower()`` has the word where the spaced text has it and the text's
    own characters there are ASCII letters (folding also strips accents).
    """
    cdef list spans = []
    cdef Py_ssize_t m, q, start, end, k, n = len(text)
    for word in _CUE_WORDS:
        m = len(word)
        q = spaced.find(word, 1)
        while q >= 0:
            start = q - 1  # spaced[i + 1] is text[i]
            for k in range(m):
                if _lower(_ch(text, start + k)) != (<str>word)[k]:  # _lower() changes ASCII capitals only
                    q = spaced.find(word, q + 1)  # not in the lowered text: look on
                    break
            else:
                end = start + m
                if (start == 0 or not _isword(_ch(text, start - 1))) and (end == n or not _isword(_ch(text, end))):
                    spans.append((start, end))
                q = spaced.find(word, end + 1)
    spans.sort()
    return spans


cdef list _cue_spans(str text):
    """geo.resolve._context's spans after a list cue word (to the end of the sentence)."""
    cdef list spans = []
    if text is _last_text and not _last_special:
        if not _last_cues:  # the scanner saw no cue word standing alone, so _cue_words finds none
            return spans
        cues = _cue_words(text, _last_spaced)
    else:
        cues = _list_cues(text)
    for _, cue_end in cues:
        end = _SENTENCE_END.search(text, cue_end)
        spans.append((cue_end, end.start() if end else len(text)))
    return spans


cdef class _Cand:
    """geo.resolve._Candidates in C fields: each entry's Place fields in one tuple, its features in arrays."""

    cdef object country, admin1
    cdef bint region_named
    cdef Py_ssize_t count
    cdef list fields  # per entry: (id, name, kind, country, admin1, lat, lon)
    cdef list kinds, countries, provinces  # per entry, of its features
    cdef double *base  # per entry: log10(importance + 10)
    cdef unsigned char *favoured
    cdef unsigned char *known  # per entry: 1 it has a country, 2 a province (both truthy, as _scores reads them)
    cdef int *far  # per entry: its precision, and its precision when the near cue holds
    cdef int *near

    def __cinit__(self):
        self.base = NULL
        self.favoured = NULL
        self.known = NULL
        self.far = NULL
        self.near = NULL

    def __init__(self, candidates):
        self.country = candidates.country
        self.admin1 = candidates.admin1
        self.region_named = candidates.region_named
        self.count = len(candidates.entries)
        self.fields = [(e.id, e.name, e.kind, e.country, e.admin1, e.lat, e.lon) for e in candidates.entries]
        cdef Py_ssize_t n = max(self.count, 1), i
        self.base = <double *>malloc(n * sizeof(double))
        self.favoured = <unsigned char *>malloc(n)
        self.known = <unsigned char *>malloc(n)
        self.far = <int *>malloc(n * sizeof(int))
        self.near = <int *>malloc(n * sizeof(int))
        if not (self.base and self.favoured and self.known and self.far and self.near):
            raise MemoryError()
        self.kinds, self.countries, self.provinces = [], [], []
        for i, (base, kind, country, province, favoured) in enumerate(candidates.features):
            self.base[i] = base
            self.kinds.append(kind)
            self.countries.append(country)
            self.provinces.append(province)
            self.favoured[i] = bool(favoured)
            self.known[i] = (1 if country else 0) | (2 if province else 0)
        for i, (far, near) in enumerate(candidates.precisions):
            self.far[i], self.near[i] = far, near

    def __dealloc__(self):
        free(self.base)
        free(self.favoured)
        free(self.known)
        free(self.far)
        free(self.near)


cdef object _cands_for = None  # the geo.resolve cache _cands was filled from (one per gazetteer)
cdef object _cands_gaz = None  # ... and a weak reference to its gazetteer
cdef dict _cands = {}


cdef void _use_gazetteer(object gaz) except *:
    """Point _cands at the candidates of ``gaz`` (once per document, not per mention)."""
    global _cands_for, _cands, _cands_gaz
    if _cands_gaz is None or <object>PyWeakref_GetObject(_cands_gaz) is not gaz:
        _cands_for, _cands, _cands_gaz = _candidates_of(gaz), {}, _weakref(gaz)


cdef _Cand _cand(tuple ids, object gaz):
    """The candidates of a mention, from geo.resolve's cache (filled as it fills it) in C fields."""
    global _cands_for, _cands
    found = _cands.get(ids)
    if found is None:
        cache = _candidates_of(gaz)  # geo.resolve's cache for this gazetteer, new when it grew too big
        if cache is not _cands_for:
            _cands_for, _cands = cache, {}
        candidates = cache.get(ids)
        if candidates is None:
            candidates = cache[ids] = _Candidates(ids, gaz)
        found = _cands[ids] = _Cand(candidates)
    return <_Cand>found


cdef object _new_place(object mention, tuple fields, object precision, double confidence):
    """A Place: the mention, an entry's seven fields, precision and confidence (no tuple of them built)."""
    cdef object place = _alloc(_PLACE_SLOTS)
    cdef Py_ssize_t i
    _put(place, _PLACE_SLOTS, 0, mention)
    for i in range(7):
        _put(place, _PLACE_SLOTS, i + 1, <object>PyTuple_GET_ITEM(fields, i))
    _put(place, _PLACE_SLOTS, 8, precision)
    _put(place, _PLACE_SLOTS, 9, confidence)
    return place


def resolve_mentions(str text, mentions, gaz):
    """geo.resolve.resolve_mentions."""
    cdef Py_ssize_t count = len(mentions), index, best, total = 0, mstart, mend
    cdef list found = [None] * count
    cdef list places = [None] * count
    cdef dict countries = {}, admin1 = {}
    cdef bint region_named = False, vague
    cdef _Cand candidates
    cdef double confidence
    cdef tuple hints
    _use_gazetteer(gaz)
    for index in range(count):
        mention = mentions[index]
        ids = _slot(mention, _MENTION_SLOTS, 4) if type(mention) is Mention else mention.candidates
        candidates = _cand(ids, gaz)
        found[index] = candidates
        if candidates.country is not None:
            countries[candidates.country] = countries.get(candidates.country, 0) + 1
            total += 1
        if candidates.admin1 is not None:
            admin1[candidates.admin1] = admin1.get(candidates.admin1, 0) + 1
        if candidates.region_named:
            region_named = True
    cdef list spans = _cue_spans(text)
    cdef dict seen = {}  # the near cue's steps at each start looked at
    for index in range(count):
        mention = mentions[index]
        candidates = found[index]
        if candidates.count == 0:
            places[index] = _new_place(mention, _NO_ENTRY, None, 0.0)
            continue
        if type(mention) is Mention:
            mstart = _slot(mention, _MENTION_SLOTS, 1)
            vague = _slot(mention, _MENTION_SLOTS, 7)
        else:
            mstart, vague = mention.start, mention.vague
        if candidates.count == 1:
            best, confidence = 0, 1.0
        else:
            if type(mention) is Mention:
                mend, hints = _slot(mention, _MENTION_SLOTS, 2), _slot(mention, _MENTION_SLOTS, 6)
            else:
                mend, hints = mention.end, mention.hints
            for s, e in spans:
                if s <= mstart < e:
                    hints = _ADM_HINTS + hints
                    break
            else:
                if _may_name_area(text, mstart, mend) and _names_an_area(text, mention):
                    hints = _ADM_HINTS + hints
            best = _best(candidates, vague, hints, countries, admin1, total, region_named, &confidence)
        if vague:
            confidence = min(confidence, 0.5)
        if candidates.far[best] == candidates.near[best] or not _near(text, mstart, 0, seen):
            precision = candidates.far[best]
        else:
            precision = candidates.near[best]
        places[index] = _new_place(mention, candidates.fields[best], precision, confidence)
    return places


cdef Py_ssize_t _best(
    _Cand candidates, bint vague, tuple hints, dict countries, dict admin1, Py_ssize_t total, bint region_named,
    double *confidence,
) except -1:
    """The first of the best-scoring entries (geo.resolve._scores), and its softmax share into ``confidence``."""
    cdef bint favour = vague and region_named
    cdef Py_ssize_t n = candidates.count, i, best = 0
    cdef double stack[32]
    cdef double *scores = &stack[0]
    cdef double score, top = 0.0, total_exp = 0.0
    if n > 32:
        scores = <double *>malloc(n * sizeof(double))
        if scores == NULL:
            raise MemoryError()
    try:
        for i in range(n):
            score = candidates.base[i]
            if hints:
                kind = <object>PyList_GET_ITEM(candidates.kinds, i)
                if kind in hints:
                    score += 4.0 - hints.index(kind)
            if total and candidates.known[i] & 1:  # a country
                found = countries.get(<object>PyList_GET_ITEM(candidates.countries, i))
                if found is not None:
                    score += 3.0 * <double><Py_ssize_t>found / <double>total
            if candidates.known[i] & 2 and admin1.get(<object>PyList_GET_ITEM(candidates.provinces, i)):  # a province
                score += 1.0
            if favour and candidates.favoured[i]:
                score += 2.0
            scores[i] = score
            if i == 0 or score > top:
                top, best = score, i
        for i in range(n):  # summed in order, as geo.resolve does
            total_exp += exp(scores[i] - top)
        confidence[0] = 1.0 / total_exp
        return best
    finally:
        if scores != &stack[0]:
            free(scores)
