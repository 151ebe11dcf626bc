# Included by geo/_speedups.pyx: the lexicon's side (geo/_lexicon.py): the Scanner and the spaced text.


@cython.final
cdef class Scanner:
    """The automaton's keys as a trie in flat arrays, the busy top breadth first, each subtree below depth first.

    ``nodes[4 * node:4 * node + 4]``: its first edge, its number of edges, its
    key (an index into ``values``, or -1), and a bit for each ``ch & 31`` of its
    edges (most walks end at a character no edge has: no search then). A node
    with one edge holds the edge itself instead: its child, then its character.
    ``edges[2 * e:2 * e + 2]``: the character and the child, each node's edges
    side by side, by character.
    """

    cdef int32_t *nodes
    cdef int32_t *edges
    cdef int32_t after_space[128]  # the child of node 1 (a leading space) for an ASCII character, or -1
    cdef int32_t *pair  # the node after a space and two ASCII characters (c1 * 128 + c2), or -1
    cdef public int most  # the most keys on one path from the root (hits at one start)
    cdef int32_t *value_length
    cdef int32_t *value_roles
    cdef list values  # the MatchValue objects
    cdef list value_names  # MatchValue.names
    cdef list value_trigger
    cdef bytearray value_verify
    cdef bytearray value_flags  # the first name's entry: 1 capitalised, 2 major
    cdef bytearray value_bits  # which of the context word sets the key's word is in (bit i: set i)
    cdef list value_ids  # ... and its ids (None without names)

    def __cinit__(self):
        self.nodes = NULL
        self.edges = NULL
        self.pair = NULL
        self.value_length = NULL
        self.value_roles = NULL

    def __init__(self, pairs, context=()):
        """``pairs``: (key, MatchValue) as added to the pyahocorasick automaton; each key starts with a space.

        ``context``: up to eight sets of single words; the walk notes, at each
        space, which of them the word after it is in (keys " word " of their own
        when no name or trigger is spelt so; :meth:`hits` leaves those out).
        """
        cdef list children = [{}]  # node -> {character: child}
        cdef list ends = [-1]  # node -> value index
        cdef dict edges
        cdef int32_t node, child, n_values, n_nodes, e
        self.values = []
        self.value_names = []
        self.value_trigger = []
        self.value_verify = bytearray()
        self.value_flags = bytearray()
        self.value_bits = bytearray()
        self.value_ids = []
        cdef dict bits = {}
        for index, words in enumerate(context):
            for word in words:
                bits[f" {word} "] = bits.get(f" {word} ", 0) | (1 << index)
        cdef dict known = {key: value for key, value in pairs}
        pairs = list(pairs) + [(key, None) for key in sorted(bits) if key not in known]
        for key, value in pairs:
            if not key.startswith(" "):
                raise ValueError(f"lexicon key {key!r} does not start with a space")
            node = 0
            for ch in key:
                edges = children[node]
                child = edges.get(ord(ch), -1)
                if child < 0:
                    child = edges[ord(ch)] = len(ends)
                    children.append({})
                    ends.append(-1)
                node = child
            ends[node] = len(self.values)
            self.values.append(value)
            self.value_bits.append(bits.get(key, 0))
            if value is None:  # a context word only
                self.value_names.append(())
                self.value_trigger.append(None)
                self.value_verify.append(0)
                self.value_flags.append(0)
                self.value_ids.append(None)
                continue
            self.value_names.append(value.names)
            self.value_trigger.append(value.trigger)
            self.value_verify.append(1 if value.verify else 0)
            first = value.names[0][1] if value.names else None
            self.value_flags.append((1 if first.capitalised else 0) | (2 if first.major else 0) if first else 0)
            self.value_ids.append(first.ids if first else None)
        n_nodes = len(ends)
        n_values = len(self.values)
        # Breadth first to depth 3 (" ab": the busy top, together), then each subtree depth first, so a
        # name's characters, one edge after another, lie one entry after another.
        order = [0]
        depth_of = {0: 0}
        for node in order:
            if depth_of[node] < 3:
                for _, child in sorted(children[node].items()):
                    depth_of[child] = depth_of[node] + 1
                    order.append(child)
        for top in [node for node in order if depth_of[node] == 3]:
            stack = [child for _, child in sorted(children[top].items(), reverse=True)]
            while stack:
                node = stack.pop()
                order.append(node)
                stack.extend(child for _, child in sorted(children[node].items(), reverse=True))
        assert len(order) == n_nodes
        renumber = [0] * n_nodes
        for new_id, node in enumerate(order):
            renumber[node] = new_id
        self.nodes = <int32_t *>malloc(4 * n_nodes * sizeof(int32_t))
        self.edges = <int32_t *>malloc(2 * max(n_nodes - 1, 1) * sizeof(int32_t))
        self.value_length = <int32_t *>malloc(max(n_values, 1) * sizeof(int32_t))
        self.value_roles = <int32_t *>malloc(max(n_values, 1) * sizeof(int32_t))
        if not (self.nodes and self.edges and self.value_length and self.value_roles):
            raise MemoryError()
        e = 0
        for new_id, node in enumerate(order):
            self.nodes[4 * new_id] = e
            self.nodes[4 * new_id + 1] = len(children[node])
            self.nodes[4 * new_id + 2] = ends[node]
            mask = 0
            for code in children[node]:
                mask |= 1 << (code & 31)
            self.nodes[4 * new_id + 3] = <int32_t>(<uint32_t>mask)
            if len(children[node]) == 1:  # the only edge in the node itself: its child and its character
                code, child = next(iter(children[node].items()))
                self.nodes[4 * new_id] = renumber[child]
                self.nodes[4 * new_id + 3] = code
            for code, child in sorted(children[node].items()):
                self.edges[2 * e] = code
                self.edges[2 * e + 1] = renumber[child]
                e += 1
        ends = [ends[node] for node in order]
        children = [{code: renumber[child] for code, child in children[node].items()} for node in order]
        for i in range(128):
            self.after_space[i] = self.search(1, i) if n_nodes > 1 else -1
        # the walk from a space starts two characters in: no key ends there (each is " word ")
        self.pair = <int32_t *>malloc(128 * 128 * sizeof(int32_t))
        if not self.pair:
            raise MemoryError()
        for i in range(128):
            child = self.after_space[i]
            if child >= 0 and ends[child] >= 0:
                raise ValueError("a lexicon key is a space and one character")
            for j in range(128):
                self.pair[i * 128 + j] = self.search(child, j) if child >= 0 else -1
        if n_nodes > 1 and ends[1] >= 0:
            raise ValueError("a lexicon key is a single space")
        depth = [0] * n_nodes  # keys on the path to each node (parents come before children)
        for node in range(n_nodes):
            for child in children[node].values():
                depth[child] = depth[node] + (ends[child] >= 0)
        self.most = max(depth)
        for i, value in enumerate(self.values):
            self.value_length[i] = value.length if value is not None else len(pairs[i][0]) - 2
            self.value_roles[i] = value.roles if value is not None else 0

    def __dealloc__(self):
        free(self.nodes)
        free(self.edges)
        free(self.pair)
        free(self.value_length)
        free(self.value_roles)

    cdef inline int32_t search(self, int32_t node, Py_UCS4 ch) noexcept nogil:
        cdef int32_t *at = self.nodes + 4 * node
        if at[1] == 1:
            return at[0] if <uint32_t>at[3] == <uint32_t>ch else -1
        cdef uint32_t bit = (<uint32_t>1) << (<uint32_t>ch & 31u)
        if not (<uint32_t>at[3] & bit):
            return -1
        cdef int32_t lo = at[0], hi = lo + at[1], mid
        cdef int32_t *edges = self.edges
        while hi - lo > 6:
            mid = (lo + hi) >> 1
            if <Py_UCS4>edges[2 * mid] < ch:
                lo = mid + 1
            else:
                hi = mid + 1  # mid may be the one
        while lo < hi:
            if <Py_UCS4>edges[2 * lo] == ch:
                return edges[2 * lo + 1]
            lo += 1
        return -1

    cdef inline int32_t step(self, int32_t node, Py_UCS4 ch) noexcept nogil:
        if node == 1 and ch < 128:
            return self.after_space[ch]
        return self.search(node, ch)

    cdef inline int walk(self, int kind, void *data, Py_ssize_t i, Py_ssize_t n, int32_t *found) noexcept:
        """The keys that start at the space at ``i``, shorter first, into ``found``; how many."""
        cdef int32_t node = -1, v
        cdef Py_UCS4 c1, c2
        cdef Py_ssize_t j
        cdef int count = 0
        if i + 2 < n:
            c1 = PyUnicode_READ(kind, data, i + 1)
            c2 = PyUnicode_READ(kind, data, i + 2)
            if c1 < 128 and c2 < 128:
                node = self.pair[<int>c1 * 128 + <int>c2]
                if node < 0:
                    return 0
                j = i + 3
        if node < 0:  # a non-ASCII character, or the end of the text
            node = 1
            j = i + 1
        else:
            v = self.nodes[4 * node + 2]
            if v >= 0:
                found[count] = v
                count += 1
        while j < n:
            node = self.step(node, PyUnicode_READ(kind, data, j))
            if node < 0:
                break
            v = self.nodes[4 * node + 2]
            if v >= 0:
                found[count] = v
                count += 1
            j += 1
        return count

    def hits(self, str spaced):
        """Every (start, MatchValue) the automaton would report, by start, shorter first."""
        cdef list out = []
        cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(spaced)
        cdef int kind = PyUnicode_KIND(spaced)
        cdef void *data = PyUnicode_DATA(spaced)
        cdef int32_t *found = <int32_t *>malloc((self.most + 1) * sizeof(int32_t))
        cdef int count, k
        if not found:
            raise MemoryError()
        try:
            for i in range(n):
                if PyUnicode_READ(kind, data, i) == 32:
                    count = self.walk(kind, data, i, n, found)
                    for k in range(count):
                        if self.values[found[k]] is not None:
                            out.append((i, self.values[found[k]]))
        finally:
            free(found)
        return out


# -- the spaced text -------------------------------------------------------------------------------
cdef dict _SPACED_MAP = None  # geo._lexicon._SPACED: code point -> folded character, or a space
cdef set _TRICKY_SET = None
cdef object _learn = None
cdef Py_UCS4 *_bmp = NULL  # _SPACED for U+0000..U+FFFF as met (0: not yet)
cdef unsigned char *_bmp_tricky = NULL


def bind_lexicon(module) -> None:
    """Take the folding tables of :mod:`geo._lexicon` (called once, when it is imported)."""
    global _SPACED_MAP, _TRICKY_SET, _learn, _bmp, _bmp_tricky
    _SPACED_MAP = module._SPACED
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


def spaced_text(str text):
    """geo._lexicon.spaced_text: the folded text, every non-word character a space, between two spaces."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch, out
    cdef bint plain = True, tricky = False, special = False
    cdef Py_UCS4 *buffer = <Py_UCS4 *>malloc((n + 2) * sizeof(Py_UCS4))
    global _spaced_made, _spaced_special
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
                if ch == 0x130 or ch == 0x131 or ch == 0x17F:  # İ ı ſ: re.I reads them as i and s
                    special = True
            buffer[i + 1] = out
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, n + 2)
    finally:
        free(buffer)
    _spaced_made, _spaced_special = result, special
    return result, plain


cdef object _spaced_made = None  # the last spaced text made, and whether its text holds "İ", "ı" or "ſ"
cdef bint _spaced_special = True
