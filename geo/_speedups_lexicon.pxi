# Included by geo/_speedups.pyx: the lexicon's side (geo/_lexicon.py): the Scanner and the spaced text.


def _first(pair):
    return pair[0]


cdef enum:  # Scanner.value_info
    CAPITALISED = 1  # the key's first entry (geo._lexicon.LexEntry) is capitalised
    MAJOR = 2  # ... and major
    VERIFY = 4  # the key's names are checked against the text's own characters
    NAMED = 8  # the key spells names (not only a trigger or a context word)


cdef struct _Step:  # what a walk needs of a trie node, kept where the walk reaches the node from
    int32_t first  # its first edge
    int32_t count  # its number of edges (0: a leaf)
    uint32_t mask  # a bit for each ``ch & 31`` of its edges (most walks end at a character no edge has)
    int32_t value  # the key that ends there (an index into the Scanner's values), or -1


cdef struct _Edge:
    uint32_t ch
    _Step to  # the node it leads to


@cython.final
cdef class _Trie:
    """Keys as a trie in one array of edges, each node's edges side by side by character.

    An edge holds what the walk needs of the node it leads to (a _Step), so
    each character costs one look into memory, at the edges of the node the
    walk is at, not a second one at the node itself. Nodes are numbered depth
    first, so a name's edges lie side by side. ``pair`` holds the node after
    a space and two ASCII characters (c1 * 128 + c2); ``space`` the node after
    the space alone.
    """

    cdef _Edge *edges
    cdef _Step *pair
    cdef _Step space
    cdef int most  # the most keys on one path from the root (hits at one start)

    def __cinit__(self):
        self.edges = NULL
        self.pair = NULL

    def __init__(self, list keys, list numbers):
        """``keys`` in sorted order, each a space, words and a space; ``numbers``: what each key stands for."""
        cdef Py_ssize_t n_keys = len(keys), total = sum(len(key) for key in keys) + 1
        cdef int32_t *parent = <int32_t *>malloc(total * sizeof(int32_t))
        cdef int32_t *into = <int32_t *>malloc(total * sizeof(int32_t))
        cdef int32_t *ends = <int32_t *>malloc(total * sizeof(int32_t))
        cdef int32_t *path = <int32_t *>malloc(total * sizeof(int32_t))  # the nodes of the previous key
        cdef int32_t *count = NULL
        cdef _Step *steps = NULL
        cdef int32_t n_nodes = 1, node, e
        cdef Py_ssize_t i, j, d, k, same, length
        cdef str key, previous = ""
        cdef _Step none
        none.first, none.count, none.mask, none.value = 0, 0, 0, -1
        self.space = none
        try:
            if not (parent and into and ends and path):
                raise MemoryError()
            parent[0], into[0], ends[0], path[0] = -1, 0, -1, 0
            for k in range(n_keys):
                key = keys[k]
                length = len(key)
                if length < 3 or key[0] != u" " or key[length - 1] != u" ":
                    raise ValueError(f"lexicon key {key!r} is not a space, words and a space")
                same = 0  # the characters this key shares with the one before
                while same < length and same < len(previous) and key[same] == _ch(previous, same):
                    same += 1
                if same == length:
                    raise ValueError(f"lexicon key {key!r} twice")
                for d in range(same, length):
                    parent[n_nodes], into[n_nodes], ends[n_nodes] = path[d], <int32_t>key[d], -1
                    path[d + 1] = n_nodes
                    n_nodes += 1
                ends[path[length]] = numbers[k]
                previous = key
            # each node's step: its edges side by side, by character (children come in order: keys are sorted)
            count = <int32_t *>calloc(n_nodes + 1, sizeof(int32_t))
            steps = <_Step *>calloc(n_nodes, sizeof(_Step))
            self.edges = <_Edge *>calloc(max(n_nodes - 1, 1), sizeof(_Edge))
            if not (count and steps and self.edges):
                raise MemoryError()
            for node in range(1, n_nodes):
                count[parent[node]] += 1
            e = 0
            for node in range(n_nodes):
                steps[node].first, steps[node].count = e, count[node]
                steps[node].mask, steps[node].value = 0, ends[node]
                e += count[node]
                count[node] = 0  # from here: edges filled so far
            for node in range(1, n_nodes):
                d = parent[node]
                steps[d].mask |= (<uint32_t>1) << (<uint32_t>into[node] & 31u)
            for node in range(1, n_nodes):  # after every mask is whole: each edge copies its node's step
                d = parent[node]
                e = steps[d].first + count[d]
                count[d] += 1
                self.edges[e].ch = <uint32_t>into[node]
                self.edges[e].to = steps[node]
            # the most keys on one path from the root (hits at one start)
            for node in range(n_nodes):
                path[node] = (path[parent[node]] if node else 0) + (ends[node] >= 0)
            self.most = 0
            for node in range(n_nodes):
                self.most = max(self.most, path[node])
            if n_nodes > 1:
                if steps[0].count != 1 or self.edges[0].ch != 32:
                    raise ValueError("the lexicon's keys do not start with a space")
                self.space = steps[1]
            # the walk from a space starts two characters in: no key ends there (each is " word ")
            self.pair = <_Step *>malloc(128 * 128 * sizeof(_Step))
            if not self.pair:
                raise MemoryError()
            for i in range(128):
                after = _step(self.edges, &self.space, i) if n_nodes > 1 else NULL
                if after != NULL and after.value >= 0:
                    raise ValueError("a lexicon key is a space and one character")
                for j in range(128):
                    to = _step(self.edges, after, j) if after != NULL else NULL
                    self.pair[i * 128 + j] = to[0] if to != NULL else none
        finally:
            free(parent)
            free(into)
            free(ends)
            free(path)
            free(count)
            free(steps)

    def __dealloc__(self):
        free(self.edges)
        free(self.pair)


ctypedef fused uchar:  # a str's characters, by its kind
    Py_UCS1
    Py_UCS2
    Py_UCS4


cdef inline int _walk(_Trie trie, const uchar *s, Py_ssize_t i, Py_ssize_t n, int32_t *found) noexcept:
    """The keys of ``trie`` that start at the space at ``s[i]``, shorter first, into ``found``; how many."""
    cdef const _Step *at = NULL
    cdef Py_UCS4 c1, c2
    cdef Py_ssize_t j
    cdef int count = 0
    if i + 2 < n:
        c1 = s[i + 1]
        c2 = s[i + 2]
        if c1 < 128 and c2 < 128:
            at = &trie.pair[<int>c1 * 128 + <int>c2]
            if at.value >= 0:
                found[count] = at.value
                count += 1
            j = i + 3
    if at == NULL:  # a non-ASCII character, or the end of the text
        at = &trie.space
        j = i + 1
    while j < n and at.count:
        at = _step(trie.edges, at, s[j])
        if at == NULL:
            break
        if at.value >= 0:
            found[count] = at.value
            count += 1
        j += 1
    return count


cdef struct _Walked:  # the keys found in a text: where each starts (its space) and which it is
    Py_ssize_t *at
    int32_t *value
    Py_ssize_t count
    Py_ssize_t room


cdef int _walk_text(Scanner scanner, const uchar *s, Py_ssize_t n, str text, bint route, _Walked *out) except -1:
    """Every key at every space of the spaced text ``s`` into ``out``, by start, shorter first.

    ``route``: a word whose first character in ``text`` is a letter a-z is
    walked in the small trie (the keys left out are names the text would have
    to capitalise); otherwise every key is looked for.
    """
    cdef Py_ssize_t i, size = PyUnicode_GET_LENGTH(text)
    cdef int count, h
    cdef Py_UCS4 first
    cdef int32_t *found = <int32_t *>malloc((scanner.most + 1) * sizeof(int32_t))
    if found == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            if s[i] != 32:
                continue
            first = _ch(text, i) if route and i < size else 32
            if u"a" <= first <= u"z":
                count = _walk(scanner.small, s, i, n, found)
            else:
                count = _walk(scanner.every, s, i, n, found)
            if out.count + count > out.room:
                out.room = 2 * out.room + count
                out.at = <Py_ssize_t *>_grow(out.at, out.room * sizeof(Py_ssize_t))
                out.value = <int32_t *>_grow(out.value, out.room * sizeof(int32_t))
            for h in range(count):
                out.at[out.count] = i
                out.value[out.count] = found[h]
                out.count += 1
    finally:
        free(found)
    return 0


cdef int walk_text(Scanner scanner, str spaced, str text, bint route, _Walked *out) except -1:
    """_walk_text for the spaced text's own kind of characters."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(spaced)
    cdef int kind = PyUnicode_KIND(spaced)
    cdef void *data = PyUnicode_DATA(spaced)
    if kind == PyUnicode_1BYTE_KIND:
        return _walk_text(scanner, <const Py_UCS1 *>data, n, text, route, out)
    if kind == PyUnicode_2BYTE_KIND:
        return _walk_text(scanner, <const Py_UCS2 *>data, n, text, route, out)
    return _walk_text(scanner, <const Py_UCS4 *>data, n, text, route, out)


cdef inline const _Step *_step(const _Edge *edges, const _Step *at, Py_UCS4 ch) noexcept nogil:
    """Where the edge for ``ch`` from the node ``at`` leads, or NULL."""
    if not (at.mask & ((<uint32_t>1) << (<uint32_t>ch & 31u))):
        return NULL
    cdef int32_t lo = at.first, hi = lo + at.count, mid
    while hi - lo > 6:
        mid = (lo + hi) >> 1
        if edges[mid].ch < <uint32_t>ch:
            lo = mid + 1
        else:
            hi = mid + 1  # mid may be the one
    while lo < hi:
        if edges[lo].ch == <uint32_t>ch:
            return &edges[lo].to
        lo += 1
    return NULL


@cython.final
cdef class Scanner:
    """The automaton's keys in two tries: all of them, and those a word in small letters can use.

    Most words of a text start with a small letter, and there only triggers,
    context words and names not written with a capital can count: that trie is
    small enough to stay in the cache, where walks in the whole one wait on memory.
    """

    cdef _Trie every  # all keys
    cdef _Trie small  # the keys that start with a letter a-z and count after one (see _counts_in_small)
    cdef int most  # the most keys on one path from the root (hits at one start)
    cdef int32_t *value_length
    cdef int32_t *value_roles
    cdef int32_t *value_gap  # MatchValue.gap: a pattern trigger wants whitespace there (0: no such check)
    cdef list values  # the MatchValue objects
    cdef list value_spellings  # MatchValue.names as (folded name, CAPITALISED | MAJOR of its entry, its ids)
    cdef list value_trigger
    cdef list value_lead  # MatchValue.lead
    cdef unsigned char *value_info  # NAMED, VERIFY, and the first name's entry: CAPITALISED, MAJOR
    cdef unsigned char *value_bits  # which of the context word sets the key's word is in (bit i: set i)
    cdef list value_ids  # ... and its ids (None without names)

    def __cinit__(self):
        self.value_length = NULL
        self.value_roles = NULL
        self.value_gap = NULL
        self.value_info = NULL
        self.value_bits = NULL

    def __init__(self, pairs, context=()):
        """``pairs``: (key, MatchValue) as added to the pyahocorasick automaton; each key starts with a space.

        ``context``: up to eight sets of single words; the walk notes, at each
        space, which of them the word after it is in (keys " word " of their own
        when no name or trigger is spelt so; :meth:`hits` leaves those out).
        """
        cdef dict bits = {}
        for index, words in enumerate(context):
            for word in words:
                bits[f" {word} "] = bits.get(f" {word} ", 0) | (1 << index)
        cdef dict known = {key: value for key, value in pairs}
        pairs = sorted([*known.items(), *((key, None) for key in bits if key not in known)], key=_first)
        self.values = [value for _, value in pairs]
        self.value_spellings = [
            tuple((name, (CAPITALISED if e.capitalised else 0) | (MAJOR if e.major else 0), e.ids) for name, e in names)
            for names in (value.names if value is not None else () for _, value in pairs)
        ]
        self.value_trigger = [value.trigger if value is not None else None for _, value in pairs]
        self.value_lead = [value.lead if value is not None else None for _, value in pairs]
        firsts = [value.names[0][1] if value is not None and value.names else None for _, value in pairs]
        self.value_ids = [f.ids if f is not None else None for f in firsts]
        cdef Py_ssize_t n_values = len(pairs), length
        cdef int32_t v
        self.value_length = <int32_t *>malloc(max(n_values, 1) * sizeof(int32_t))
        self.value_roles = <int32_t *>malloc(max(n_values, 1) * sizeof(int32_t))
        self.value_gap = <int32_t *>malloc(max(n_values, 1) * sizeof(int32_t))
        self.value_info = <unsigned char *>calloc(max(n_values, 1), 1)
        self.value_bits = <unsigned char *>calloc(max(n_values, 1), 1)
        if not (self.value_length and self.value_roles and self.value_gap and self.value_info and self.value_bits):
            raise MemoryError()
        cdef list keys = [], small_keys = [], small_numbers = []
        for v in range(n_values):
            key, value = pairs[v]
            length = len(key)
            if length < 3 or key[0] != u" " or key[length - 1] != u" ":
                raise ValueError(f"lexicon key {key!r} is not a space, words and a space")
            self.value_length[v] = value.length if value is not None else length - 2
            self.value_roles[v] = value.roles if value is not None else 0
            self.value_gap[v] = value.gap if value is not None else 0
            self.value_bits[v] = bits.get(key, 0)
            f = firsts[v]
            self.value_info[v] = (
                (NAMED if value is not None and value.names else 0)
                | (VERIFY if value is not None and value.verify else 0)
                | ((CAPITALISED if f.capitalised else 0) | (MAJOR if f.major else 0) if f is not None else 0)
            )
            keys.append(key)
            if _counts_in_small(key, value, self.value_bits[v]):
                small_keys.append(key)
                small_numbers.append(v)
        self.every = _Trie(keys, list(range(n_values)))
        self.small = _Trie(small_keys, small_numbers)
        self.most = self.every.most
        if n_values == 0:
            raise ValueError("the lexicon has no keys")

    def __dealloc__(self):
        free(self.value_length)
        free(self.value_roles)
        free(self.value_gap)
        free(self.value_info)
        free(self.value_bits)

    def hits(self, str spaced):
        """Every (start, MatchValue) the automaton would report, by start, shorter first."""
        cdef list out = []
        cdef _Walked walked
        cdef Py_ssize_t k
        walked.at, walked.value, walked.count, walked.room = NULL, NULL, 0, 0
        try:
            walk_text(self, spaced, spaced, False, &walked)
            for k in range(walked.count):
                if self.values[walked.value[k]] is not None:
                    out.append((walked.at[k], self.values[walked.value[k]]))
        finally:
            free(walked.at)
            free(walked.value)
        return out


cdef bint _counts_in_small(str key, value, int bits):
    """Whether a key can count where the text's word starts with a small letter a-z.

    A name counts there only when one of its entries is not written with a
    capital (mentions_plain turns the others down); a trigger or a context word
    always does.
    """
    if not (u"a" <= key[1] <= u"z"):
        return False  # the spaced text has the text's a-z where the walk begins: only those keys are met
    if bits or value is None or value.roles:
        return True
    return any(not entry.capitalised for _, entry in value.names)


# -- the spaced text -------------------------------------------------------------------------------
cdef dict _TABLE_MAP = None  # geo._lexicon._TABLE: code point -> folded character
cdef dict _SPACED_MAP = None  # geo._lexicon._SPACED: code point -> folded character, or a space
cdef set _TRICKY_SET = None
cdef object _learn = None
cdef Py_UCS4 *_bmp = NULL  # _SPACED for U+0000..U+FFFF as met (0: not yet)
cdef unsigned char *_bmp_tricky = NULL


def bind_lexicon(module) -> None:
    """Take the folding tables of :mod:`geo._lexicon` (called once, when it is imported)."""
    global _SPACED_MAP, _TRICKY_SET, _learn, _bmp, _bmp_tricky, _TABLE_MAP
    _SPACED_MAP = module._SPACED
    _TABLE_MAP = module._TABLE
    _TRICKY_SET = module._TRICKY
    _learn = module._learn
    if _bmp == NULL:
        _bmp = <Py_UCS4 *>calloc(0x10000, sizeof(Py_UCS4))
        _bmp_tricky = <unsigned char *>calloc(0x10000, 1)
        if _bmp == NULL or _bmp_tricky == NULL:
            raise MemoryError()
    cdef bint tricky
    for code in range(128):  # ASCII is never tricky, and is read from the table directly
        _spaced_char(code, &tricky)


cdef Py_UCS4 _folded_char(Py_UCS4 ch) except 0xFFFFFFFF:
    """What fold_text writes for ``ch`` (geo._lexicon._TABLE), learning it first if new."""
    folded = _TABLE_MAP.get(<long>ch)
    if folded is None:
        _learn([chr(<long>ch)])
        folded = _TABLE_MAP[<long>ch]
    if len(folded) != 1:
        raise ValueError(f"fold_text writes {chr(<long>ch)!r} as {folded!r}")
    return (<str>folded)[0]


cdef Py_UCS4 _spaced_char(Py_UCS4 ch, bint *tricky) except 0xFFFFFFFF:
    """What the spaced text writes for ``ch`` (geo._lexicon._SPACED), learning it first if new."""
    cdef Py_UCS4 out
    if ch < 0x10000 and _bmp[ch] != 0:
        tricky[0] = _bmp_tricky[ch]
        return _bmp[ch]
    code = <long>ch
    spaced = _SPACED_MAP.get(code)
    if spaced is None:
        _learn([chr(code)])
        spaced = _SPACED_MAP[code]
    if len(spaced) != 1:
        raise ValueError(f"the spaced text writes {chr(code)!r} as {spaced!r}")
    out = (<str>spaced)[0]
    tricky[0] = chr(code) in _TRICKY_SET
    if ch < 0x10000:
        _bmp[ch] = out
        _bmp_tricky[ch] = tricky[0]
    return out


cdef object _spaced_made = None  # the last spaced text made, and whether its text holds "İ", "ı" or "ſ"
cdef bint _spaced_special = True


def spaced_text(str text):
    """geo._lexicon.spaced_text: the folded text, every non-word character a space, between two spaces."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch, out
    cdef bint plain = True, tricky = False, special = False, narrowed = True
    cdef Py_UCS4 *buffer = NULL
    cdef unsigned char *narrow
    global _spaced_made, _spaced_special
    if kind != PyUnicode_4BYTE_KIND:  # most texts come out ASCII: written straight into place, until one does not
        result = PyUnicode_New(n + 2, 127)
        narrow = <unsigned char *>PyUnicode_DATA(result)
        narrow[0] = 32
        narrow[n + 1] = 32
        for i in range(n):
            ch = (<Py_UCS2 *>data)[i] if kind == PyUnicode_2BYTE_KIND else (<Py_UCS1 *>data)[i]
            if ch < 128:
                narrow[i + 1] = <unsigned char>_bmp[ch]
                continue
            out = _spaced_char(ch, &tricky)
            if out >= 128:
                narrowed = False
                break
            if tricky:
                plain = False
            if ch == 0x130 or ch == 0x131 or ch == 0x17F:  # İ ı ſ: re.I reads them as i and s
                special = True
            narrow[i + 1] = <unsigned char>out
        if narrowed:
            _spaced_made, _spaced_special = result, special
            return result, plain
        plain, special = True, False
    buffer = <Py_UCS4 *>malloc((n + 2) * sizeof(Py_UCS4))
    if buffer == NULL:
        raise MemoryError()
    try:
        buffer[0] = 32
        buffer[n + 1] = 32
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            out = _bmp[ch] if ch < 128 else _spaced_char(ch, &tricky)
            if ch >= 128:
                if tricky:
                    plain = False
                if ch == 0x130 or ch == 0x131 or ch == 0x17F:
                    special = True
            buffer[i + 1] = out
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, n + 2)  # narrowed to fit
    finally:
        free(buffer)
    _spaced_made, _spaced_special = result, special
    return result, plain
