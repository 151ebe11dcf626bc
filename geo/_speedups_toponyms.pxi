# Included by geo/_speedups.pyx: recognition (geo/toponyms.py): the mentions of a plain text.


def bind_toponyms(module, rules) -> None:
    """Take the rules (geo._rulebook.Rules) and the callbacks of :mod:`geo.toponyms` (at import, and on reload)."""
    global Mention, _MENTION_SLOTS, _org_after_match, _org_before_search, _particle_after_match, _locative_search
    global _capital_match, _ORG_REACH, _LOCATIVE_REACH, GENERIC_AT, _ONE_WORD_GENERIC, generic_hints, NOT_PLACES
    global _ARTICLE, _DATELINE_HINTS, _PATTERNS, PATTERN_TRIGGERS, _CUE_WORDS, _SENTENCE_END, _ADM_HINTS
    global _TITLE_NEXT, _TITLE_AT, _PARTICLES, _WORD_BREAKS, _WORD_QUOTES, _WORD_OVER, _DATELINE_MATCH, _DATELINE_LINES, _DATELINE_REACH, _unknown_match, _list_next_match, _DEMONYMS
    global _SOURCE_FUZZY, _SOURCE_UNKNOWN, _near_miss, _fold_text, _generic_full_match
    global _ORG_AFTER_PHRASES, _UNKNOWN_PHRASES, _LIST_MARKS, _LOCATIVE_ALONE
    if (module.TITLE, module.PATTERN, module.UNKNOWN, module.UNKNOWN_PHRASE, module.ORG) != (1, 2, 4, 8, 16):
        raise _stale("geo._speedups was built for other role bits than geo._rulebook uses")
    if len(rules.context_words) != 6:
        raise _stale("geo._speedups reads six context word sets")
    for word in rules.one_word_generic:
        if rules.generic_at[word].pattern != rf"[ \t]+({word})\b":
            raise _stale(f"geo._speedups matches {word!r} after a name as a word alone, and geo.rules does not")
    if module.fold_text(" ") != " ":
        raise _stale("geo._speedups reads folded text off the spaced text, where a space is a space")
    Mention = module.Mention
    _MENTION_SLOTS = _Slots(Mention, _MENTION_FIELDS)
    _org_after_match = rules.org_after.match
    _org_before_search = rules.org_before.search
    _ORG_REACH = rules.org_reach
    _particle_after_match = rules.name_particle_after.match
    _locative_search = rules.locative_before.search
    _LOCATIVE_REACH = rules.locative_reach
    _LOCATIVE_ALONE = rules.locative_alone
    _capital_match = rules.capitalised_after.match
    GENERIC_AT = rules.generic_at
    _ONE_WORD_GENERIC = rules.one_word_generic
    generic_hints = module._rulebook.generic_hints
    NOT_PLACES = rules.not_places
    _ARTICLE = rules.article
    _DATELINE_HINTS = rules.dateline_hints
    _PATTERNS = [  # per pattern: its match method, its ids (None: the border's), hints, vague
        (rx.match, (target,) if target else None, hints, target is None) for rx, target, hints in rules.patterns
    ]
    PATTERN_TRIGGERS = rules.pattern_triggers
    _CUE_WORDS = rules.list_cue_words
    _SENTENCE_END = rules.sentence_end
    _ADM_HINTS = rules.area_hints
    _TITLE_AT = {word: rx.match for word, rx in rules.title_at.items()}
    _PARTICLES = rules.particles
    _TITLE_NEXT = rules.title_next
    _WORD_BREAKS, _WORD_QUOTES, _WORD_OVER = rules.person_word_breaks, rules.person_word_quotes, rules.person_word_over
    _DATELINE_MATCH = tuple(rx.match for rx in rules.dateline)
    _DATELINE_LINES, _DATELINE_REACH = rules.dateline_lines, rules.dateline_reach
    _SOURCE_FUZZY, _SOURCE_UNKNOWN = module._unknown.FUZZY, module._unknown.UNKNOWN
    _near_miss, _fold_text = module._lexicon.near_miss, module.fold_text
    _generic_full_match = rules.generic_after.match
    _DEMONYMS = rules.demonyms
    _ORG_AFTER_PHRASES, _UNKNOWN_PHRASES = rules.org_after_phrases, rules.unknown_phrases
    _LIST_MARKS = tuple(rules.list_marks)
    _unknown_match = rules.unknown_place.match
    _list_next_match = rules.list_next.match
    _bind_looks(rules)


# The tables' phrases (by first word: their spaced words) and one-word shortcuts, bound above.
cdef dict _ORG_AFTER_PHRASES = {}, _UNKNOWN_PHRASES = {}  # by first word: the phrases' spaced words
cdef tuple _LIST_MARKS = ()
cdef frozenset _LOCATIVE_ALONE = frozenset()



# -- mentions ------------------------------------------------------------------------------------
cdef object _spelling(str text, str spaced, Py_ssize_t start, Py_ssize_t end, tuple spellings):
    """The first of ``spellings`` (folded name, flags, ids) that ``fold_text(text[start:end])`` spells, or None.

    The folded text is the spaced text but where a separator is no plain space:
    there it is that character folded.
    """
    cdef Py_ssize_t k, m = end - start
    cdef Py_UCS4 c
    cdef str key
    for spelling in spellings:
        key = (<tuple>spelling)[0]
        if len(key) != m:
            continue
        for k in range(m):
            c = _ch(spaced, start + 1 + k)
            if c == 32 and _ch(text, start + k) != 32:
                c = _folded_char(_ch(text, start + k))
            if _ch(key, k) != c:
                break
        else:
            return spelling
    return None


cdef tuple _generic_after(str text, Py_ssize_t end, str word):
    """geo.toponyms._generic_after with the word after known (a one-word generic matched in C)."""
    cdef Py_ssize_t n = len(text), q, e
    if word in _ONE_WORD_GENERIC:  # GENERIC_AT[word] is "[ \\t]+(word)\\b", case-insensitive (checked at binding)
        q = end
        while q < n and (_ch(text, q) == u" " or _ch(text, q) == u"\t"):
            q += 1
        e = q + len(word)
        if q > end and _word_at(text, q, word) and (e == n or not _isword(_ch(text, e))):
            return e, generic_hints(text[q:e])
        return end, _NO_HINTS
    rx = GENERIC_AT.get(word)
    match = rx.match(text, end) if rx is not None else None
    if match is None:
        return end, _NO_HINTS
    return match.end(), generic_hints(match.group(1))


cdef enum:  # the context word sets geo._lexicon hands the scanner (geo._rulebook.Rules.context_words), as bits
    ORG_AFTER_FIRST = 1
    PARTICLES = 2
    GENERIC_FIRST = 4
    LOCATIVE_WORDS = 8
    ORG_BEFORE_WORDS = 16
    LIST_CUES = 32  # the list cue words (geo.resolve)


cdef Py_ssize_t _after_at(str text, str spaced, Py_ssize_t end, Py_ssize_t last_index):
    """Where the word geo.toponyms._word_after reads starts in the spaced text, or -1 (it reads "")."""
    cdef Py_ssize_t index
    if end + 2 > last_index:
        return -1
    if _ch(spaced, end + 2) != u" ":
        return end + 2
    index = end + 2
    while index < last_index and _ch(spaced, index) == u" ":
        index += 1
    if index >= last_index or index - 1 <= end:
        return -1
    for k in range(end, index - 1):
        ch = _ch(text, k)
        if ch != u"-" and not Py_UNICODE_ISSPACE(ch):
            return -1
    return index


cdef Py_ssize_t _before_at(str text, str spaced, Py_ssize_t start):
    """Where the word geo.toponyms._word_before reads starts in the spaced text, or -1 (it reads "")."""
    cdef Py_ssize_t index = start, k
    while index > 0 and _ch(spaced, index) == u" ":
        index -= 1
    if index == 0:
        return -1
    for k in range(index, start):
        if not Py_UNICODE_ISSPACE(_ch(text, k)):
            return -1
    k = index
    while _ch(spaced, k - 1) != u" ":
        k -= 1
    return k


cdef inline bint _before_key(Py_ssize_t *key, Py_ssize_t a, Py_ssize_t b) noexcept:
    """Whether candidate ``a`` sorts before ``b``: start, then longer first, then patterns before names."""
    if key[3 * a] != key[3 * b]:
        return key[3 * a] < key[3 * b]
    if key[3 * a + 1] != key[3 * b + 1]:
        return key[3 * a + 1] > key[3 * b + 1]
    return key[3 * a + 2] < key[3 * b + 2]


cdef _Walked _spare_walked  # mentions_plain's arrays, kept from one text to the next (unless a call is under way)
_spare_walked.at, _spare_walked.value, _spare_walked.count, _spare_walked.room = NULL, NULL, 0, 0
cdef unsigned char *_spare_ctx = NULL
cdef Py_ssize_t _spare_ctx_room = 0
cdef bint _spare_busy = False


def mentions_plain(str text, str spaced, object lexicon, str doc_id):
    """geo.toponyms.mentions_from_text for a plain text, ``spaced`` its spaced text."""
    global _last_text, _last_spaced, _last_special, _last_cues, _spare_walked, _spare_busy, _spare_ctx, _spare_ctx_room
    _last_text, _last_spaced, _last_cues = text, spaced, True
    _last_special = _spaced_special if spaced is _spaced_made else True
    cdef Scanner scanner = lexicon.scanner
    cdef Py_ssize_t size = len(text), last_index = len(spaced) - 1, n = PyUnicode_GET_LENGTH(spaced)
    cdef Py_ssize_t i, k, start, end, span_end, after, before, dateline_start = -1, dateline_end = -1, ds = -2, de = -2
    cdef int32_t v, roles
    cdef int count, flags, after_bits, seen = 0
    cdef list pattern_words = [], titles = [], orgs = [], unknown = []  # unknown: where the unknown-place cues stand
    cdef Py_UCS4 article = _ch(_ARTICLE, 0) if _ARTICLE else 0
    cdef object entries = lexicon.entries
    # per name hit: where it starts and its key; per space: the context bits of the word after it
    cdef Py_ssize_t hits = 0
    cdef _Walked walked  # every key found, by start (its space)
    cdef Py_ssize_t w
    cdef unsigned char *ctx = NULL
    # per candidate (patterns, then names): start, length, 0 pattern / 1 name; and the order they sort in
    cdef Py_ssize_t *key = NULL
    cdef Py_ssize_t *order = NULL
    cdef list args = []  # per candidate: a pattern's Mention fields; a name's ids, source and hints
    cdef unsigned char *in_person = NULL
    cdef unsigned long long token_lengths = 0
    cdef bint spare = not _spare_busy  # the arrays of the last text read are free to use again
    cdef void *grown
    if spare and _spare_ctx_room < n + 1:
        grown = realloc(_spare_ctx, 2 * (n + 1))
        if grown == NULL:
            spare = False
        else:
            _spare_ctx, _spare_ctx_room = <unsigned char *>grown, 2 * (n + 1)
    if spare:
        _spare_busy = True
        walked = _spare_walked
        walked.count = 0
        ctx = _spare_ctx
        memset(ctx, 0, n + 1)
    else:
        walked.at, walked.value, walked.count, walked.room = NULL, NULL, 0, 0
        ctx = <unsigned char *>calloc(n + 1, 1)
    try:
        if not ctx:
            raise MemoryError()
        # The automaton pass (Scanner.hits, with the hits sorted out as the pure loop does).
        walk_text(scanner, spaced, text, True, &walked)
        for w in range(walked.count):
            i = walked.at[w]
            v = walked.value[w]
            if scanner.value_bits[v]:
                ctx[i] = scanner.value_bits[v]
                seen |= scanner.value_bits[v]
            if scanner.value_info[v] & NAMED:
                hits += 1
            roles = scanner.value_roles[v]
            if roles:
                if roles & PATTERN and (
                    scanner.value_gap[v] == 0 or Py_UNICODE_ISSPACE(_ch(text, i + scanner.value_gap[v]))
                ):
                    pattern_words.append((i, scanner.value_lead[v]))
                if roles & TITLE:
                    titles.append((i, scanner.value_trigger[v]))
                if (roles & UNKNOWN_PHRASE and _cue_phrase_at(text, spaced, i, scanner.value_trigger[v], article)) or (
                    roles & UNKNOWN and _cue_ends_well(text, i + scanner.value_length[v], article)
                ):
                    unknown.append(i)
                if roles & ORG:
                    orgs.append(i)

        _last_cues = (seen & LIST_CUES) != 0
        person_spans, person_tokens = _people(text, titles) if titles else ([], set())
        # which characters are inside a person's name; which lengths the name's words have
        if person_spans:
            in_person = <unsigned char *>calloc(size + 1, 1)
            if in_person == NULL:
                raise MemoryError()
            for s, e in person_spans:
                for i in range(s, e):
                    in_person[i] = 1
        for token in person_tokens:
            token_lengths |= (<unsigned long long>1) << min(len(token), 63)
        patterns = _patterns_in(text, pattern_words, lexicon, doc_id) if pattern_words else []
        found_dateline = _dateline(text)
        if found_dateline is not None:
            dateline_start, dateline_end = found_dateline.span()
            ds, de = found_dateline.span(1)

        key = <Py_ssize_t *>malloc((3 * (len(patterns) + hits) + 3) * sizeof(Py_ssize_t))
        if key == NULL:
            raise MemoryError()
        count = 0
        for item in patterns:  # each a Mention's fields
            key[3 * count], key[3 * count + 1], key[3 * count + 2] = item[1], item[2] - item[1], 0
            args.append(item)
            count += 1

        for w in range(walked.count):  # the names
            v = walked.value[w]
            if not scanner.value_info[v] & NAMED:
                continue
            start = walked.at[w]
            end = start + scanner.value_length[v]
            if scanner.value_info[v] & VERIFY:
                spelling = _spelling(text, spaced, start, end, <tuple>scanner.value_spellings[v])
                if spelling is None:
                    continue  # the words match, the characters between them do not
                flags, ids = (<tuple>spelling)[1], (<tuple>spelling)[2]
            else:
                flags = scanner.value_info[v]
                ids = scanner.value_ids[v]
            if flags & CAPITALISED and not Py_UNICODE_ISUPPER(_ch(text, start)):
                continue
            after = _after_at(text, spaced, end, last_index)  # the word after the name, in the spaced text
            after_bits = ctx[after - 1] if after > 0 else 0
            before = -2  # ... and the word before it, found when a rule needs it
            if (
                after_bits & ORG_AFTER_FIRST
                and _phrases_at(spaced, after, _ORG_AFTER_PHRASES.get(spaced[after : spaced.find(" ", after)]))
                and _org_after_match(text, end) is not None
            ):
                continue
            if orgs and _org_between(orgs, start):
                before = _before_at(text, spaced, start)
                if (
                    before > 0
                    and ctx[before - 1] & ORG_BEFORE_WORDS
                    and _org_before_search(text, max(0, start - _ORG_REACH), start) is not None
                ):
                    continue
            if not flags & MAJOR:
                if after_bits & PARTICLES and _particle_after_match(text, end) is not None:
                    continue
                if before == -2:
                    before = _before_at(text, spaced, start)
                if not (
                    before > 0
                    and ctx[before - 1] & LOCATIVE_WORDS
                    and (
                        _alone_before(text, start, max(0, start - _LOCATIVE_REACH), _LOCATIVE_ALONE)
                        or _locative_search(text, max(0, start - _LOCATIVE_REACH), start) is not None
                    )
                ):
                    capital_match = _capital_match(text, end)
                    if capital_match is not None and not (
                        after_bits & GENERIC_FIRST
                        and (<tuple>_generic_after(text, end, spaced[after : spaced.find(" ", after)]))[0] != end
                    ):
                        capital = capital_match.group(1)
                        if capital not in NOT_PLACES and capital.lower().replace("-", " ") not in entries:
                            continue
            if (in_person != NULL and (in_person[start] or in_person[end - 1])) or (
                token_lengths & ((<unsigned long long>1) << min(end - start, 63)) and text[start:end] in person_tokens
            ):
                if not flags & MAJOR:
                    continue
                if any(s <= start and end <= e for s, e in person_spans):
                    continue
            span_end, hints = end, _NO_HINTS
            if after_bits & GENERIC_FIRST:
                span_end, hints = _generic_after(text, end, spaced[after : spaced.find(" ", after)])
            if (dateline_start <= start and end <= dateline_end) or (ds == start and de == end):
                source, hints = "dateline", _DATELINE_HINTS
            else:
                source = "name"
            key[3 * count], key[3 * count + 1], key[3 * count + 2] = start, span_end - start, 1
            args.append((ids, source, hints))
            count += 1

        # Leftmost-longest, without overlaps (geo.toponyms._longest_first): a stable insertion sort, as the
        # names come nearly in order, then one pass.
        order = <Py_ssize_t *>malloc((count + 1) * sizeof(Py_ssize_t))
        if order == NULL:
            raise MemoryError()
        for k in range(count):
            i = k
            while i > 0 and _before_key(key, k, order[i - 1]):
                order[i] = order[i - 1]
                i -= 1
            order[i] = k
        kept = []
        end = -1
        for i in range(count):
            k = order[i]
            start = key[3 * k]
            if start < end:
                continue
            end = start + key[3 * k + 1]
            item = args[k]
            if key[3 * k + 2] == 0:  # a pattern: (doc_id, start, end, surface, ids, "pattern", hints, vague)
                mention = _new(_MENTION_SLOTS, item)
            else:  # a name: (ids, source, hints)
                mention = _alloc(_MENTION_SLOTS)
                _put(mention, _MENTION_SLOTS, 0, doc_id)
                _put(mention, _MENTION_SLOTS, 1, start)
                _put(mention, _MENTION_SLOTS, 2, end)
                _put(mention, _MENTION_SLOTS, 3, text[start:end])
                _put(mention, _MENTION_SLOTS, 4, item[0])
                _put(mention, _MENTION_SLOTS, 5, item[1])
                _put(mention, _MENTION_SLOTS, 6, item[2])
                _put(mention, _MENTION_SLOTS, 7, False)
            kept.append(mention)

        if unknown:
            extra = _unknown_in(text, kept, unknown, person_spans, person_tokens, lexicon, doc_id)
            if extra:
                kept += extra
                kept.sort(key=_start_of)
    finally:
        if spare:
            _spare_walked, _spare_busy = walked, False
        else:
            free(walked.at)
            free(walked.value)
            free(ctx)
        free(key)
        free(order)
        free(in_person)
    return kept




def _start_of(m):
    return m.start


cdef bint _org_between(list orgs, Py_ssize_t start):
    """geo._name_rules.org_between: an organisation word starts within the reach before ``start``."""
    cdef Py_ssize_t lo = 0, hi = len(orgs), mid, low = start - _ORG_REACH
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>orgs[mid] < low:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(orgs) and <Py_ssize_t>orgs[lo] < start
