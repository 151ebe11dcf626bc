# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled inner loops of recognition and resolution, for texts the fast path can read.

The pure-Python functions in :mod:`geo.toponyms` and :mod:`geo.resolve` are the
reference: this module does the same work with C-level character access and
without Python objects per automaton hit, and must give *identical* results
(``tests/test_speedups.py`` compares the two on the seed articles, the sample
corpus and fuzzed text). Installs without a C compiler fall back to the pure
path (``geo.speed`` says which one runs).

Three parts:

* :class:`Scanner`: the lexicon's keys (" erbil ", " iraq s kurdistan ") in a
  trie walked from each space of the spaced text; it reports what the
  pyahocorasick automaton reports, in start order.
* :func:`mentions_plain`: :func:`geo.toponyms.mentions_from_text` for a text
  with no tricky character (``plain``), the per-name rules in C.
* :func:`resolve_mentions`: :func:`geo.resolve.resolve_mentions`.

Mentions and places are the same frozen dataclasses as the pure path makes;
they are filled slot by slot, as the dataclass's own ``__init__`` does with
``object.__setattr__``, without its per-call overhead.
"""

from cpython.unicode cimport PyUnicode_READ, PyUnicode_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH
from libc.math cimport exp, log10
from libc.stdint cimport int32_t, uint32_t
from libc.stdlib cimport calloc, free, malloc, realloc

cimport cython
from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
    ctypedef struct PyMemberDef:
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member
    PyTypeObject Py_TYPE_MemberDescr "PyMemberDescr_Type"
    object PyType_GenericAlloc(PyTypeObject *tp, Py_ssize_t nitems)  # what object.__new__ allocates with
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)  # narrowed to fit
    int PyUnicode_4BYTE_KIND

# Roles: geo.toponyms._TITLE, _PATTERN, _UNKNOWN, _UNKNOWN_PHRASE, _ORG (checked in bind_toponyms()).
cdef enum:
    TITLE = 1
    PATTERN = 2
    UNKNOWN = 4
    UNKNOWN_PHRASE = 8
    ORG = 16


@cython.final
cdef class Scanner:
    """The automaton's keys as a trie in flat arrays, nodes numbered breadth first (the busy top is compact).

    ``nodes[4 * node:4 * node + 4]``: its first edge, its number of edges, its
    key (an index into ``values``, or -1), and a bit for each ``ch & 31`` of its
    edges (most walks end at a character no edge has: no search then).
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
        order = [0]  # breadth first
        for node in order:
            order.extend(child for _, child in sorted(children[node].items()))
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
    cdef bint plain = True, tricky = False
    cdef Py_UCS4 *buffer = <Py_UCS4 *>malloc((n + 2) * sizeof(Py_UCS4))
    if buffer == NULL:
        raise MemoryError()
    try:
        buffer[0] = 32
        buffer[n + 1] = 32
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            out = _bmp[ch] if ch < 128 else _spaced_char(ch, &tricky)
            if ch >= 128 and tricky:
                plain = False
            buffer[i + 1] = out
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, n + 2)
    finally:
        free(buffer)
    return result, plain


# -- the pure path's names, bound once by geo.toponyms and geo.resolve ------------------------------
cdef object T  # geo.toponyms
cdef object R  # geo.resolve
cdef object Mention, Place
cdef _Slots _MENTION_SLOTS, _PLACE_SLOTS
cdef object _ORG_AFTER, _ORG_BEFORE, _NAME_PARTICLE_AFTER, _LOCATIVE_BEFORE, _CAPITALISED_AFTER, _UNKNOWN_PLACE
cdef object GENERIC_AFTER, GENERIC_AT, generic_hints, fold_text, NOT_PLACES
cdef frozenset _ORG_AFTER_FIRST, _PARTICLES, _GENERIC_FIRST, _ORG_BEFORE_WORDS, _LOCATIVE_WORDS
cdef object _person_spans, _titles_at, _pattern_mentions, find_dateline, _matches_at, _unknown_names
cdef object _PATTERNS, _PATTERN_STARTS, _PATTERNS_AFTER_THE, _TITLE_AT, _LIST_NEXT, DEMONYMS, _find_words, near_miss
cdef object _candidates_of, _Candidates, _context, _names_an_area, near_cue, _list_cues, _SENTENCE_END
cdef tuple _ADM_HINTS = ("adm1", "adm2")
cdef tuple _NO_HINTS = ()
cdef tuple _NO_ENTRY = (None,) * 7
cdef tuple _DATELINE_HINTS = ("populated_place",)
cdef tuple _MENTION_FIELDS = ("doc_id", "start", "end", "surface", "candidates", "source", "hints", "vague")
cdef tuple _PLACE_FIELDS = (
    "mention", "place_id", "name", "kind", "country", "admin1", "lat", "lon", "precision", "confidence"
)


def bind_toponyms(module) -> None:
    """Take the rules of :mod:`geo.toponyms` (called once, when it is imported)."""
    global T, Mention, _MENTION_SLOTS, _ORG_AFTER, _ORG_BEFORE, _NAME_PARTICLE_AFTER, _LOCATIVE_BEFORE, _CAPITALISED_AFTER
    global _UNKNOWN_PLACE, GENERIC_AFTER, GENERIC_AT, generic_hints, fold_text, NOT_PLACES
    global _ORG_AFTER_FIRST, _PARTICLES, _GENERIC_FIRST, _ORG_BEFORE_WORDS, _LOCATIVE_WORDS
    global _person_spans, _titles_at, _pattern_mentions, find_dateline, _matches_at, _unknown_names
    global _PATTERNS, _PATTERN_STARTS, _PATTERNS_AFTER_THE, _TITLE_AT, _LIST_NEXT, DEMONYMS, _find_words, near_miss
    if (module._TITLE, module._PATTERN, module._UNKNOWN, module._UNKNOWN_PHRASE, module._ORG) != (1, 2, 4, 8, 16):
        raise ImportError("geo._speedups was built for other role bits than geo.toponyms uses")
    if module.CONTEXT_WORDS != (
        module._ORG_AFTER_FIRST, module._PARTICLES, module._GENERIC_FIRST, module._LOCATIVE_WORDS,
        module._ORG_BEFORE_WORDS,
    ):
        raise ImportError("geo._speedups reads geo.toponyms.CONTEXT_WORDS in another order")
    if module.fold_text(" ") != " ":
        raise ImportError("geo._speedups reads folded text off the spaced text, where a space is a space")
    T = module
    Mention = module.Mention
    _MENTION_SLOTS = _Slots(Mention, _MENTION_FIELDS)
    _ORG_AFTER = module._ORG_AFTER
    _ORG_BEFORE = module._ORG_BEFORE
    _NAME_PARTICLE_AFTER = module._NAME_PARTICLE_AFTER
    _LOCATIVE_BEFORE = module._LOCATIVE_BEFORE
    _CAPITALISED_AFTER = module._CAPITALISED_AFTER
    _UNKNOWN_PLACE = module._UNKNOWN_PLACE
    GENERIC_AFTER = module._lexicon.GENERIC_AFTER
    GENERIC_AT = module._lexicon.GENERIC_AT
    generic_hints = module._lexicon.generic_hints
    fold_text = module.fold_text
    NOT_PLACES = module.NOT_PLACES
    _ORG_AFTER_FIRST = module._ORG_AFTER_FIRST
    _PARTICLES = module._PARTICLES
    _GENERIC_FIRST = module._GENERIC_FIRST
    _ORG_BEFORE_WORDS = module._ORG_BEFORE_WORDS
    _LOCATIVE_WORDS = module._LOCATIVE_WORDS
    _person_spans = module._person_spans
    _titles_at = module._titles_at
    _pattern_mentions = module._pattern_mentions
    find_dateline = module.find_dateline
    _matches_at = module._matches_at
    _unknown_names = module._unknown_names
    _PATTERNS = module._PATTERNS
    _PATTERN_STARTS = module._PATTERN_STARTS
    _PATTERNS_AFTER_THE = module._PATTERNS_AFTER_THE
    _TITLE_AT = module._TITLE_AT
    _LIST_NEXT = module._LIST_NEXT
    DEMONYMS = module.DEMONYMS
    _find_words = module._find_words
    near_miss = module._lexicon.near_miss


def bind_resolve(module) -> None:
    """Take the helpers of :mod:`geo.resolve` (called once, when it is imported)."""
    global R, Place, _PLACE_SLOTS, _candidates_of, _Candidates, _context, _names_an_area, near_cue, _list_cues, _SENTENCE_END
    R = module
    _list_cues = module._list_cues
    _SENTENCE_END = module._SENTENCE_END
    Place = module.Place
    _PLACE_SLOTS = _Slots(Place, _PLACE_FIELDS)
    _candidates_of = module._candidates_of
    _Candidates = module._Candidates
    _context = module._context
    _names_an_area = module._names_an_area
    near_cue = module.near_cue


cdef class _Slots:
    """Where each field of a frozen slotted dataclass lives in its instances (member descriptors' offsets)."""

    cdef object cls
    cdef Py_ssize_t offsets[16]
    cdef Py_ssize_t count

    def __init__(self, cls, tuple fields):
        if len(fields) > 16 or tuple(cls.__slots__) != fields or cls.__new__ is not object.__new__:
            raise ImportError(f"geo._speedups cannot fill {cls.__name__} slot by slot")
        self.cls = cls
        self.count = len(fields)
        for i, name in enumerate(fields):
            descr = cls.__dict__[name]
            if type(descr) is not <object>&Py_TYPE_MemberDescr:
                raise ImportError(f"{cls.__name__}.{name} is not a slot")
            self.offsets[i] = (<PyMemberDescrObject *>descr).d_member.offset


cdef object _new(_Slots slots, tuple values):
    """An instance of a frozen slotted dataclass, its slots filled as its ``__init__`` would fill them."""
    cdef PyTypeObject *tp = <PyTypeObject *>slots.cls
    cdef object obj = PyType_GenericAlloc(tp, 0)  # zeroed: every slot empty
    cdef char *base = <char *><PyObject *>obj
    cdef object value
    for i in range(slots.count):
        value = values[i]
        Py_INCREF(value)
        (<PyObject **>(base + slots.offsets[i]))[0] = <PyObject *>value
    return obj


cdef inline object _slot(object obj, _Slots slots, Py_ssize_t i):
    """Field ``i`` of ``obj``, an instance of exactly ``slots.cls`` (read off its slot)."""
    return <object>(<PyObject **>(<char *><PyObject *>obj + slots.offsets[i]))[0]


cdef object _place(object mention, tuple fields, object precision, object confidence):
    """A Place: the mention, the entry's seven fields, precision and confidence."""
    cdef PyTypeObject *tp = <PyTypeObject *>_PLACE_SLOTS.cls
    cdef object obj = PyType_GenericAlloc(tp, 0)
    cdef char *base = <char *><PyObject *>obj
    cdef object value
    for i in range(10):
        value = mention if i == 0 else (fields[i - 1] if i < 8 else (precision if i == 8 else confidence))
        Py_INCREF(value)
        (<PyObject **>(base + _PLACE_SLOTS.offsets[i]))[0] = <PyObject *>value
    return obj


# -- recognition ------------------------------------------------------------------------------------
cdef str _word_before(str text, str spaced, Py_ssize_t start):
    """geo.toponyms._word_before."""
    cdef Py_ssize_t index = start, i
    while index > 0 and spaced[index] == u" ":
        index -= 1
    if index == 0:
        return ""
    for i in range(index, start):
        if not Py_UNICODE_ISSPACE(text[i]):
            return ""
    return spaced[spaced.rfind(" ", 0, index) + 1 : index + 1]


cdef str _word_after(str text, str spaced, Py_ssize_t end):
    """geo.toponyms._word_after."""
    cdef Py_ssize_t index = end + 2, last = len(spaced) - 1, i
    cdef Py_UCS4 ch
    while index < last and spaced[index] == u" ":
        index += 1
    if index >= last or index - 1 <= end:
        return ""
    for i in range(end, index - 1):
        ch = text[i]
        if ch != u"-" and not Py_UNICODE_ISSPACE(ch):
            return ""
    return spaced[index : spaced.find(" ", index)]


cdef str _folded(str text, str spaced, Py_ssize_t start, Py_ssize_t end):
    """fold_text(text[start:end]), read off the spaced text where it can be (every separator a plain space)."""
    cdef Py_ssize_t k
    for k in range(start, end):
        if spaced[k + 1] == u" " and text[k] != u" ":
            return fold_text(text[start:end])
    return spaced[start + 1 : end + 1]


cdef tuple _generic_after(str text, Py_ssize_t end, str word):
    """geo.toponyms._generic_after with the word after known."""
    rx = GENERIC_AT.get(word)
    match = rx.match(text, end) if rx is not None else None
    if match is None:
        return end, _NO_HINTS
    return match.end(), generic_hints(match.group(1))


cdef enum:  # the context word sets geo.toponyms hands the scanner, as bits
    ORG_AFTER_FIRST = 1
    PARTICLES = 2
    GENERIC_FIRST = 4
    LOCATIVE_WORDS = 8
    ORG_BEFORE_WORDS = 16


cdef Py_ssize_t _after_at(str text, str spaced, Py_ssize_t end, Py_ssize_t last_index):
    """Where the word geo.toponyms._word_after reads starts in the spaced text, or -1 (it reads "")."""
    cdef Py_ssize_t index
    if end + 2 > last_index:
        return -1
    if spaced[end + 2] != u" ":
        return end + 2
    index = end + 2
    while index < last_index and spaced[index] == u" ":
        index += 1
    if index >= last_index or index - 1 <= end:
        return -1
    for k in range(end, index - 1):
        ch = text[k]
        if ch != u"-" and not Py_UNICODE_ISSPACE(ch):
            return -1
    return index


cdef Py_ssize_t _before_at(str text, str spaced, Py_ssize_t start):
    """Where the word geo.toponyms._word_before reads starts in the spaced text, or -1 (it reads "")."""
    cdef Py_ssize_t index = start, k
    while index > 0 and spaced[index] == u" ":
        index -= 1
    if index == 0:
        return -1
    for k in range(index, start):
        if not Py_UNICODE_ISSPACE(text[k]):
            return -1
    k = index
    while spaced[k - 1] != u" ":
        k -= 1
    return k


cdef inline bint _before_key(Py_ssize_t *key, Py_ssize_t a, Py_ssize_t b) noexcept:
    """Whether candidate ``a`` sorts before ``b``: start, then longer first, then patterns before names."""
    if key[3 * a] != key[3 * b]:
        return key[3 * a] < key[3 * b]
    if key[3 * a + 1] != key[3 * b + 1]:
        return key[3 * a + 1] > key[3 * b + 1]
    return key[3 * a + 2] < key[3 * b + 2]


def mentions_plain(str text, str spaced, object lexicon, str doc_id):
    """geo.toponyms.mentions_from_text for a plain text, ``spaced`` its spaced text."""
    global _last_text, _last_spaced
    _last_text, _last_spaced = text, spaced
    cdef Scanner scanner = lexicon.scanner
    cdef Py_ssize_t size = len(text), last_index = len(spaced) - 1, n = PyUnicode_GET_LENGTH(spaced)
    cdef Py_ssize_t i, k, start, end, span_end, at, dateline_start = -1, dateline_end = -1, ds = -2, de = -2
    cdef int kind = PyUnicode_KIND(spaced)
    cdef void *data = PyUnicode_DATA(spaced)
    cdef int32_t v, roles
    cdef int count, h, flags, after_bits
    cdef Py_UCS4 ch
    cdef list pattern_words = [], titles = [], unknown = [], orgs = []
    cdef object entries = lexicon.entries
    # per name hit: where it starts and its key; per space: the context bits of the word after it
    cdef Py_ssize_t hits = 0, room = 64
    cdef Py_ssize_t *hit_start = <Py_ssize_t *>malloc(room * sizeof(Py_ssize_t))
    cdef int32_t *hit_value = <int32_t *>malloc(room * sizeof(int32_t))
    cdef int32_t *walked = <int32_t *>malloc((scanner.most + 1) * sizeof(int32_t))
    cdef unsigned char *ctx = <unsigned char *>calloc(n + 1, 1)
    # per candidate (patterns, then names): start, length, 0 pattern / 1 name; and the order they sort in
    cdef Py_ssize_t *key = NULL
    cdef Py_ssize_t *order = NULL
    cdef list args = []  # per candidate: the Mention's fields but for the doc_id (built when kept)
    cdef unsigned char *in_person = NULL
    cdef unsigned long long token_lengths = 0
    try:
        if not (hit_start and hit_value and walked and ctx):
            raise MemoryError()
        # The automaton pass (Scanner.hits, with the hits sorted out as the pure loop does).
        for i in range(n):
            if PyUnicode_READ(kind, data, i) != 32:
                continue
            count = scanner.walk(kind, data, i, n, walked)
            for h in range(count):
                v = walked[h]
                if scanner.value_bits[v]:
                    ctx[i] = scanner.value_bits[v]
                if scanner.value_names[v]:
                    if hits == room:
                        room *= 2
                        hit_start = <Py_ssize_t *>_grow(hit_start, room * sizeof(Py_ssize_t))
                        hit_value = <int32_t *>_grow(hit_value, room * sizeof(int32_t))
                    hit_start[hits] = i
                    hit_value[hits] = v
                    hits += 1
                roles = scanner.value_roles[v]
                if roles:
                    if roles & PATTERN:
                        pattern_words.append((i, scanner.value_trigger[v]))
                    if roles & TITLE:
                        titles.append((i, scanner.value_trigger[v]))
                    if roles & UNKNOWN_PHRASE:
                        unknown.append(i)
                    elif roles & UNKNOWN:
                        end = i + scanner.value_length[v]
                        if end + 1 < size and Py_UNICODE_ISSPACE(text[end]):
                            ch = text[end + 1]
                            if Py_UNICODE_ISSPACE(ch) or (u"A" <= ch <= u"Z") or ch == u"t":
                                unknown.append(i)
                    if roles & ORG:
                        orgs.append(i)

        person_spans, person_tokens = _persons(text, _titles_in(text, titles)) if titles else ([], set())
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
        dateline = find_dateline(text)
        if dateline is not None:
            ds, de = dateline.span(1)
            dateline_start, dateline_end = dateline.span()

        key = <Py_ssize_t *>malloc((3 * (len(patterns) + hits) + 3) * sizeof(Py_ssize_t))
        if key == NULL:
            raise MemoryError()
        count = 0
        for item in patterns:
            key[3 * count], key[3 * count + 1], key[3 * count + 2] = item[0], -item[1], 0
            args.append(item[4])
            count += 1

        for k in range(hits):
            start = hit_start[k]
            v = hit_value[k]
            end = start + scanner.value_length[v]
            if scanner.value_verify[v]:
                folded = _folded(text, spaced, start, end)
                entry = None
                for pair in <tuple>scanner.value_names[v]:
                    if pair[0] == folded:
                        entry = pair[1]
                        break
                if entry is None:
                    continue  # the words match, the characters between them do not
                flags = (1 if entry.capitalised else 0) | (2 if entry.major else 0)
                ids = entry.ids
            else:
                flags = scanner.value_flags[v]
                ids = scanner.value_ids[v]
            if flags & 1 and not Py_UNICODE_ISUPPER(text[start]):
                continue
            at = _after_at(text, spaced, end, last_index)
            after_bits = ctx[at - 1] if at > 0 else 0
            if after_bits & ORG_AFTER_FIRST and _ORG_AFTER.match(text, end):
                continue
            if orgs and _org_between(orgs, start):
                at = _before_at(text, spaced, start)
                if at > 0 and ctx[at - 1] & ORG_BEFORE_WORDS and _ORG_BEFORE.search(text, max(0, start - 60), start):
                    continue
            if not flags & 2:
                if after_bits & PARTICLES and _NAME_PARTICLE_AFTER.match(text, end):
                    continue
                at = _before_at(text, spaced, start)
                if not (
                    at > 0
                    and ctx[at - 1] & LOCATIVE_WORDS
                    and _LOCATIVE_BEFORE.search(text, max(0, start - 12), start)
                ):
                    # _CAPITALISED_AFTER needs " ", a capital, then a small letter
                    if (
                        end + 2 < size
                        and text[end] == u" "
                        and u"A" <= text[end + 1] <= u"Z"
                        and u"a" <= text[end + 2] <= u"z"
                    ):
                        capital = _CAPITALISED_AFTER.match(text, end)
                        if (
                            capital
                            and not (after_bits & GENERIC_FIRST and GENERIC_AFTER.match(text, end))
                            and capital.group(1) not in NOT_PLACES
                            and capital.group(1).lower().replace("-", " ") not in entries
                        ):
                            continue
            if (in_person != NULL and (in_person[start] or in_person[end - 1])) or (
                token_lengths & ((<unsigned long long>1) << min(end - start, 63)) and text[start:end] in person_tokens
            ):
                if not flags & 2:
                    continue
                if any(s <= start and end <= e for s, e in person_spans):
                    continue
            span_end, hints = end, _NO_HINTS
            if after_bits & GENERIC_FIRST:
                at = _after_at(text, spaced, end, last_index)
                span_end, hints = _generic_after(text, end, spaced[at : spaced.find(" ", at)])
            if (dateline_start <= start and end <= dateline_end) or (ds == start and de == end):
                source, hints = "dateline", _DATELINE_HINTS
            else:
                source = "name"
            key[3 * count], key[3 * count + 1], key[3 * count + 2] = start, span_end - start, 1
            args.append((start, span_end, ids, source, hints))
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
        starts, ends = [], []
        end = -1
        for i in range(count):
            k = order[i]
            start = key[3 * k]
            if start < end:
                continue
            end = start + key[3 * k + 1]
            item = args[k]
            if key[3 * k + 2] == 0:  # a pattern: (doc_id, start, end, surface, ids, "pattern", hints, vague)
                fields = item
            else:
                fields = (doc_id, start, end, text[start:end], item[2], item[3], item[4], False)
            kept.append(_new(_MENTION_SLOTS, fields))
            starts.append(start)
            ends.append(end)
    finally:
        free(hit_start)
        free(hit_value)
        free(walked)
        free(ctx)
        free(key)
        free(order)
        free(in_person)

    if not unknown:
        return kept
    cdef list extra = _unknown_in(text, starts, ends, _unknown_places(text, unknown), person_spans, person_tokens, lexicon, doc_id)
    if extra:
        kept += extra
        kept.sort(key=_start_of)
    return kept


cdef void *_grow(void *block, size_t size) except NULL:
    cdef void *grown = realloc(block, size)
    if grown == NULL:
        raise MemoryError()
    return grown


cdef list _matches(rx, str text, list starts):
    """geo.toponyms._matches_at: ``rx.finditer(text)`` from the positions where it can match (ascending)."""
    cdef list found = []
    cdef Py_ssize_t last = 0, start
    for start in starts:
        if start >= last:
            match = rx.match(text, start)
            if match is not None:
                found.append(match)
                last = match.end()
    return found


cdef frozenset _NAME_PARTICLES = frozenset(("al", "el", "abu", "bin", "ibn"))


cdef tuple _persons(str text, list matches):
    """geo.toponyms._person_spans: the spans of the names after titles, and their words of three letters or more."""
    cdef list spans = []
    cdef set tokens = set()
    cdef Py_ssize_t i, j, n
    cdef str name, token
    for match in matches:
        spans.append(match.span(1))
        name = match.group(1)
        n = len(name)
        i = 0
        while i <= n:  # re.split(r"[\s-]+", name), then strip("’'") each piece
            j = i
            while j < n and not (Py_UNICODE_ISSPACE(name[j]) or name[j] == u"-"):
                j += 1
            token = name[i:j].strip("’'")
            if len(token) > 2 and Py_UNICODE_ISUPPER(token[0]) and token.lower() not in _NAME_PARTICLES:
                tokens.add(token)
            if j >= n:
                break
            i = j
            while i < n and (Py_UNICODE_ISSPACE(name[i]) or name[i] == u"-"):
                i += 1
    return spans, tokens


cdef list _titles_in(str text, list titles):
    """geo.toponyms._titles_at."""
    cdef list found = []
    cdef Py_ssize_t last = 0, start
    for start, word in titles:
        if start >= last:
            match = _TITLE_AT[word].match(text, start)
            if match is not None:
                found.append(match)
                last = match.end()
    return found


cdef Py_ssize_t _the_before(str text, Py_ssize_t start):
    """geo.toponyms._the_before."""
    cdef Py_ssize_t i = start
    while i > 0 and Py_UNICODE_ISSPACE(text[i - 1]):
        i -= 1
    if 3 <= i < start and text[i - 3] == u"t" and text[i - 2] == u"h" and text[i - 1] == u"e":
        return i - 3
    return -1


cdef list _patterns_in(str text, list words, lexicon, str doc_id):
    """geo.toponyms._pattern_mentions with the pattern words found."""
    cdef dict starts = {}
    cdef Py_ssize_t start, the, end
    for start, word in words:
        for index in _PATTERN_STARTS.get(word, ()):
            starts.setdefault(index, []).append(start)
        if word in _PATTERNS_AFTER_THE:
            the = _the_before(text, start)
            if the >= 0:
                for index in _PATTERNS_AFTER_THE[word]:
                    starts.setdefault(index, []).append(the)
    cdef list found = []
    for index in sorted(starts):
        rx, target, hints = _PATTERNS[index]
        ids = (target,) if target else lexicon.border_ids
        for match in _matches(rx, text, sorted(starts[index])):
            start, end = match.span()
            found.append((start, start - end, 0, len(found), (doc_id, start, end, text[start:end], ids, "pattern", hints, target is None)))
    return found


# -- the capitalised-name patterns, matched in C ----------------------------------------------------
cdef inline bint _name_char(Py_UCS4 ch) noexcept:
    """[a-z’'\\-]: what follows the capital of a name in _UNKNOWN_PLACE and _LIST_NEXT."""
    return (u"a" <= ch <= u"z") or ch == u"’" or ch == u"'" or ch == u"-"


cdef inline Py_ssize_t _name_run(str text, Py_ssize_t i, Py_ssize_t n):
    """The end of ``[A-Z][a-z’'\\-]+`` at ``i`` (its longest form), or -1."""
    cdef Py_ssize_t j
    if i >= n or not (u"A" <= text[i] <= u"Z"):
        return -1
    j = i + 1
    while j < n and _name_char(text[j]):
        j += 1
    return j if j > i + 1 else -1


cdef inline bint _ends_here(str text, Py_ssize_t i, Py_ssize_t n):
    """``(?=[\\s,.;:!?)\\]]|$)`` at ``i``."""
    cdef Py_UCS4 ch
    if i >= n:
        return True
    ch = text[i]
    return Py_UNICODE_ISSPACE(ch) or ch in u",.;:!?)]"


cdef inline Py_ssize_t _skip_space(str text, Py_ssize_t i, Py_ssize_t n):
    while i < n and Py_UNICODE_ISSPACE(text[i]):
        i += 1
    return i


cdef inline bint _literal(str text, Py_ssize_t i, str word):
    """``word`` at ``text[i:]``, case and all."""
    cdef Py_ssize_t k, m = len(word)
    if i < 0 or i + m > len(text):
        return False
    for k in range(m):
        if text[i + k] != word[k]:
            return False
    return True


cdef bint _place_group(str text, Py_ssize_t g, Py_ssize_t n, Py_ssize_t *span):
    """_UNKNOWN_PLACE's ``((?:[A-Z][a-z’'\\-]+)(?:\\s+[A-Z][a-z’'\\-]+)?)(?=[\\s,.;:!?)\\]]|$)`` at ``g``."""
    cdef Py_ssize_t e1 = _name_run(text, g, n), q, e2
    if e1 < 0:
        return False
    q = _skip_space(text, e1, n)
    if q > e1:
        e2 = _name_run(text, q, n)
        if e2 >= 0 and _ends_here(text, e2, n):
            span[0], span[1] = g, e2
            return True
    if _ends_here(text, e1, n):
        span[0], span[1] = g, e1
        return True
    return False


cdef tuple _PLACE_ALONE = ("in", "near", "at", "outside", "around", "towards")
cdef tuple _PLACE_PHRASES = (
    ("village", ("of",)), ("town", ("of",)), ("city", ("of",)), ("area", ("of",)), ("district", ("of",)),
    ("sub-district", ("of",)), ("subdistrict", ("of",)), ("region", ("of",)), ("camp", ("of", "at")),
    ("village", ("in", "near", "of")), ("villages", ("in", "near", "of")), ("base", ("in", "at", "near")),
    ("bases", ("in", "at", "near")), ("area", ("of", "near", "around")), ("areas", ("of", "near", "around")),
)


cdef Py_ssize_t _place_phrase_end(str text, Py_ssize_t start, Py_ssize_t n):
    """Where _UNKNOWN_PLACE's first part (``in``, ``village of``, ...) ends when it starts at ``start``, or -1."""
    cdef Py_ssize_t p, q
    if start >= n or text[start] not in u"inaotvcdsrbw":  # the first letters of its words
        return -1
    for word in _PLACE_ALONE:
        p = start + len(word)
        if _literal(text, start, word) and p < n and Py_UNICODE_ISSPACE(text[p]):
            return p
    for word, nexts in _PLACE_PHRASES:
        if _literal(text, start, word):
            p = start + len(word)
            q = _skip_space(text, p, n)
            if q > p:
                for after in nexts:
                    p = q + len(after)
                    if _literal(text, q, after) and p < n and Py_UNICODE_ISSPACE(text[p]):
                        return p
    return -1


cdef list _unknown_places(str text, list starts):
    """The (start, end) of group 1 of each ``_UNKNOWN_PLACE.finditer(text)`` match, from where one can start."""
    cdef list found = []
    cdef Py_ssize_t last = 0, start, p, q, n = len(text)
    cdef Py_ssize_t span[2]
    for start in starts:
        if start < last or not _bound(text, start):
            continue
        p = _place_phrase_end(text, start, n)
        if p < 0:
            continue
        q = _skip_space(text, p, n)  # \\s+, then "the\\s+" if the name follows it
        if _literal(text, q, "the") and q + 3 < n and Py_UNICODE_ISSPACE(text[q + 3]):
            if _place_group(text, _skip_space(text, q + 3, n), n, span):
                found.append((span[0], span[1]))
                last = span[1]
            continue
        if _place_group(text, q, n, span):
            found.append((span[0], span[1]))
            last = span[1]
    return found


cdef inline Py_ssize_t _bounded_end(str text, Py_ssize_t i, Py_ssize_t e, Py_ssize_t n):
    """The longest end in (i + 1, e] of a name run at ``i`` with ``\\b`` after it, or -1."""
    cdef bint before, after
    while e > i + 1:
        before = _isword(text[e - 1])
        after = e < n and _isword(text[e])
        if before != after:
            return e
        e -= 1
    return -1


cdef bint _list_next(str text, Py_ssize_t p, Py_ssize_t *span):
    """_LIST_NEXT.match(text, p): ``(?:,\\s*(?:and\\s+|or\\s+)?|\\s+and\\s+|\\s+or\\s+)`` then a name or two."""
    cdef Py_ssize_t n = len(text), q, g, e1, e2, r
    cdef Py_ssize_t starts[2]
    cdef int count = 0
    if p >= n:
        return False
    if text[p] == u",":
        q = _skip_space(text, p + 1, n)
        for word in ("and", "or"):  # the optional word first, as the regex tries it
            r = q + len(word)
            if _literal(text, q, word) and r < n and Py_UNICODE_ISSPACE(text[r]):
                starts[count] = _skip_space(text, r, n)
                count += 1
                break
        starts[count] = q
        count += 1
    else:
        q = _skip_space(text, p, n)
        if q == p:
            return False
        for word in ("and", "or"):
            r = q + len(word)
            if _literal(text, q, word) and r < n and Py_UNICODE_ISSPACE(text[r]):
                starts[count] = _skip_space(text, r, n)
                count += 1
                break
    for k in range(count):
        g = starts[k]
        e1 = _name_run(text, g, n)
        if e1 < 0:
            continue
        q = _skip_space(text, e1, n)
        if q > e1:
            e2 = _name_run(text, q, n)
            if e2 >= 0:
                r = _bounded_end(text, q, e2, n)
                if r >= 0:
                    span[0], span[1] = g, r
                    return True
        r = _bounded_end(text, g, e1, n)
        if r >= 0:
            span[0], span[1] = g, r
            return True
    return False


cdef list _unknown_in(
    str text, list starts, list ends, list matches, list person_spans, set person_tokens, lexicon, str doc_id
):
    """geo.toponyms._unknown_names, the known mentions given by ``starts`` and ``ends``.

    A name over a known mention is turned down first (the checks are pure).
    """
    cdef list taken = list(person_spans)
    cdef list out = []
    cdef Py_ssize_t position, n = len(text)
    cdef Py_UCS4 ch
    cdef Py_ssize_t span[2]
    for g0, g1 in matches:
        _add(text, g0, g1, starts, ends, taken, out, person_tokens, lexicon, doc_id)
        position = g1
        while _list_next(text, position, span):  # "in Koya, Zrgwez and Sidakan"
            _add(text, span[0], span[1], starts, ends, taken, out, person_tokens, lexicon, doc_id)
            position = span[1]
    if out:
        for name in sorted({text[m.start : m.end] for m in out}):
            for again in _find_words(text, name):
                _add(text, again, again + len(name), starts, ends, taken, out, person_tokens, lexicon, doc_id)
    return out


cdef void _add(
    str text, Py_ssize_t start, Py_ssize_t end, list starts, list ends, list taken, list out, set person_tokens,
    lexicon, str doc_id,
) except *:
    """geo.toponyms._unknown_names.add."""
    # the last known mention starting before ``end`` (bisect_left(starts, end) - 1)
    cdef Py_ssize_t lo = 0, hi = len(starts), mid
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>starts[mid] < end:
            lo = mid + 1
        else:
            hi = mid
    if lo > 0 and <Py_ssize_t>ends[lo - 1] > start:
        return
    surface = text[start:end]
    first = surface.split()[0]
    if first in NOT_PLACES or first.lower() in DEMONYMS or surface in person_tokens:
        return
    for s, e in taken:
        if s < end and start < e:
            return
    if _ORG_AFTER.match(text, end) or next(_find_words(text, surface.lower()), -1) >= 0:
        return
    rx = GENERIC_AFTER
    match = rx.match(text, end)
    if match is not None:
        end = match.end()
    ids = near_miss(lexicon, " ".join(fold_text(surface).split()))
    out.append(_new(_MENTION_SLOTS, (doc_id, start, end, text[start:end], ids, "fuzzy" if ids else "unknown", (), False)))
    taken.append((start, end))


def _start_of(m):
    return m.start


cdef bint _org_between(list orgs, Py_ssize_t start):
    """geo.toponyms._org_between: an organisation word starts in the 60 characters before ``start``."""
    cdef Py_ssize_t lo = 0, hi = len(orgs), mid, low = start - 60
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>orgs[mid] < low:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(orgs) and <Py_ssize_t>orgs[lo] < start


# -- resolution -------------------------------------------------------------------------------------
cdef inline Py_UCS4 _lower(Py_UCS4 ch) noexcept:
    return <Py_UCS4>(<unsigned int>ch + 32u) if 65 <= ch <= 90 else ch


# The last text mentions_plain read, and its spaced text (folded: "Governorates" is "governorates" there).
cdef object _last_text = None
cdef str _last_spaced = None


cdef list _cue_spans(str text):
    """geo.resolve._context's spans after "governorates"/"provinces": [] without a word it could find."""
    # re.I reads "ı" as "i" where folding keeps it ("İ" and "ſ" fold to "i" and "s")
    if text is _last_text and u"ı" not in text:
        if "governorates" not in _last_spaced and "provinces" not in _last_spaced:
            return []
    cdef list spans = []
    for _, cue_end in _list_cues(text):
        end = _SENTENCE_END.search(text, cue_end)
        spans.append((cue_end, end.start() if end else len(text)))
    return spans


cdef bint _ends_ci(str text, Py_ssize_t end, str word):
    """Whether text[:end] ends with ``word`` (ASCII, lower case) in any case."""
    cdef Py_ssize_t m = len(word), k
    if end < m:
        return False
    for k in range(m):
        if _lower(text[end - m + k]) != word[k]:
            return False
    return True


cdef inline bint _isword(Py_UCS4 ch) noexcept:
    return ch == u"_" or Py_UNICODE_ISALNUM(ch)


cdef inline bint _ci(Py_UCS4 ch, Py_UCS4 c) noexcept:
    """Whether ``re.I`` matches ``ch`` to the ASCII small letter ``c``."""
    if ch < 128:
        return _lower(ch) == c
    if c == 105:  # i: İ, ı
        return ch == 0x130 or ch == 0x131
    if c == 115:  # s: ſ
        return ch == 0x17F
    if c == 107:  # k: the Kelvin sign
        return ch == 0x212A
    return False


cdef bint _word_at(str text, Py_ssize_t s, str word):
    """Whether ``re.I`` matches ``word`` (ASCII, small letters) at ``text[s:]``."""
    cdef Py_ssize_t k, m = len(word)
    if s < 0 or s + m > len(text):
        return False
    for k in range(m):
        if not _ci(text[s + k], word[k]):
            return False
    return True


cdef inline Py_ssize_t _space_back(str text, Py_ssize_t end):
    """Where the run of whitespace that ends at ``end`` starts (``end`` when there is none)."""
    while end > 0 and Py_UNICODE_ISSPACE(text[end - 1]):
        end -= 1
    return end


cdef inline Py_ssize_t _word_back(str text, Py_ssize_t end):
    """Where the run of \\w characters that ends at ``end`` starts."""
    while end > 0 and _isword(text[end - 1]):
        end -= 1
    return end


cdef inline bint _bound(str text, Py_ssize_t s):
    """``\\b`` before the word character at ``s``."""
    return s == 0 or not _isword(text[s - 1])


cdef tuple _DIRECTIONS = ("north", "south", "east", "west")


cdef bint _direction_at(str text, Py_ssize_t s, Py_ssize_t end):
    """``\\b(?:north|south|east|west)\\w*`` is text[s:end], ``end`` the end of a \\w run."""
    if s >= end or not _bound(text, s):
        return False
    for d in _DIRECTIONS:
        if end - s >= 4 and _word_at(text, s, d):
            return True
    return False


cdef bint _near_alternative_ends(str text, Py_ssize_t r, Py_ssize_t low):
    """Whether one of _NEAR's alternatives (near, outside, ..., km X of) ends at ``r``, starting at ``low`` or after."""
    cdef Py_ssize_t s, q, q2, q3
    for word in ("near", "outside", "around"):
        s = r - len(word)
        if s >= low and _word_at(text, s, word) and _bound(text, s):
            return True
    if _word_at(text, r - 2, "to"):  # close\s+to
        q = _space_back(text, r - 2)
        if q < r - 2 and q - 5 >= low and _word_at(text, q - 5, "close") and _bound(text, q - 5):
            return True
    if _word_at(text, r - 2, "of"):
        q = _space_back(text, r - 2)
        if q == r - 2:
            return False
        # on\s+the\s+outskirts\s+of
        if _word_at(text, q - 9, "outskirts"):
            q2 = _space_back(text, q - 9)
            if q2 < q - 9 and _word_at(text, q2 - 3, "the"):
                q3 = _space_back(text, q2 - 3)
                if q3 < q2 - 3 and q3 - 2 >= low and _word_at(text, q3 - 2, "on") and _bound(text, q3 - 2):
                    return True
        # (?:north|south|east|west)\w*\s+of
        s = _word_back(text, q)
        if s >= low and _direction_at(text, s, q):
            return True
        # km\s+\w+\s+of
        if s < q:
            q2 = _space_back(text, s)
            if q2 < s and q2 - 2 >= low and _word_at(text, q2 - 2, "km") and _bound(text, q2 - 2):
                return True
    return False


cdef bint _near_pattern(str text, Py_ssize_t start):
    """``_NEAR.search(text, max(0, start - 48), start)`` is not None."""
    cdef Py_ssize_t low = max(0, start - 48), q, c, q2
    q = _space_back(text, start)
    if q == start:
        return False
    if _near_alternative_ends(text, q, low):
        return True
    # ... then "(?:Iraq|Iran|Turkey|Syria)['’]s\s+"
    if q >= 2 and _ci(text[q - 1], 115) and (text[q - 2] == u"'" or text[q - 2] == u"’"):
        for country in ("iraq", "iran", "turkey", "syria"):
            c = q - 2 - len(country)
            if c >= 0 and _word_at(text, c, country):
                q2 = _space_back(text, c)
                if q2 < c and _near_alternative_ends(text, q2, low):
                    return True
    return False


cdef bint _direction_pattern(str text, Py_ssize_t start):
    """``_DIRECTION_OF.search(text, max(0, start - 60), start)`` is not None."""
    cdef Py_ssize_t low = max(0, start - 60), cur = start, q, t, q2, q3, s
    cdef Py_UCS4 ch
    for _ in range(3):  # (?:[\w’']+\s+){1,3}$, one more word each time
        q = _space_back(text, cur)
        if q == cur:
            return False
        t = q
        while t > 0:
            ch = text[t - 1]
            if not (_isword(ch) or ch == u"’" or ch == u"'"):
                break
            t -= 1
        if t == q:
            return False
        cur = t
        q2 = _space_back(text, cur)  # ...\s+of\s+ before those words
        if q2 < cur and _word_at(text, q2 - 2, "of"):
            q3 = _space_back(text, q2 - 2)
            if q3 < q2 - 2:
                s = _word_back(text, q3)
                if s >= low and _direction_at(text, s, q3):
                    return True
    return False


cdef Py_ssize_t _list_before_start(str text, Py_ssize_t start):
    """``_LIST_BEFORE.search(text, max(0, start - 8), start).start()``, or -1: a ", " or " and " before a name."""
    cdef Py_ssize_t low = max(0, start - 8), best = -1, e, p, q, r, q2, cand
    cdef Py_ssize_t ends[2]
    ends[0] = start
    ends[1] = start - 1 if start > 0 and text[start - 1] == u"\n" else -1  # "$" before a last newline
    for e in ends:
        if e < 0:
            continue
        for p in (e, e - 3):  # where "(?:al-|el-)?" begins
            if p < 0 or (p == e - 3 and not (text[p + 1] == u"l" and text[p + 2] == u"-" and text[p] in u"ae")):
                continue
            q = _space_back(text, p)
            if q > low and text[q - 1] == u",":  # ,\s*
                cand = q - 1
                if best < 0 or cand < best:
                    best = cand
            if q < p:  # \s+(?:and|or)\s+
                for word in ("and", "or"):
                    r = q - len(word)
                    if r > low and _literal(text, r, word):
                        q2 = _space_back(text, r)
                        if q2 < r:
                            cand = max(low, q2)
                            if best < 0 or cand < best:
                                best = cand
    return best


cdef inline bint _token_char(Py_UCS4 ch) noexcept:
    return _isword(ch) or ch == u"’" or ch == u"'" or ch == u"-"


cdef Py_ssize_t _name_before_start(str text, Py_ssize_t low, Py_ssize_t end):
    """``_NAME_BEFORE.search(text, low, end).start()``, or -1: one to three capitalised words that end at ``end``."""
    cdef Py_ssize_t e = end - 1 if end > 0 and text[end - 1] == u"\n" else end, best = -1, r, first, p
    for _ in range(3):
        r = e
        while r > 0 and not Py_UNICODE_ISSPACE(text[r - 1]):
            r -= 1
        if r == e:
            break
        first = e  # the first character of the run's tail that is all [\w’'-]
        while first > r and _token_char(text[first - 1]):
            first -= 1
        for p in range(max(first, low), e):
            if u"A" <= text[p] <= u"Z" and _bound(text, p):
                best = p  # further runs to the left can only start further left
                break
        if first != r or not (u"A" <= text[r] <= u"Z"):
            break  # this run is no whole word: no more words before it
        e = _space_back(text, r)
        if e == r:
            break
    return best


cdef inline bint _has_of(str text, Py_ssize_t low, Py_ssize_t end):
    """``text.find(" of ", low, end) >= 0``."""
    cdef Py_ssize_t i
    for i in range(low, end - 3):
        if text[i] == u" " and text[i + 1] == u"o" and text[i + 2] == u"f" and text[i + 3] == u" ":
            return True
    return False


cdef bint _near_cue(str text, Py_ssize_t start, int depth):
    """geo.toponyms.near_cue(text, start, _depth=depth)."""
    cdef Py_ssize_t index = _space_back(text, start), listed, before
    if index == 0:
        return False
    if index < start:
        if text[index - 1] in u"rRdDeEoOfFsS" and _near_pattern(text, start):
            return True
        if _has_of(text, max(0, start - 48), start) and _direction_pattern(text, start):
            return True
    if depth < 3:
        listed = _list_before_start(text, start)
        if listed >= 0:
            before = _name_before_start(text, max(0, listed - 40), listed)
            return before >= 0 and _near_cue(text, before, depth + 1)
    return False


cdef bint _near(str text, Py_ssize_t start):
    """geo.toponyms.near_cue(text, start)."""
    return _near_cue(text, start, 0)


def near(str text, Py_ssize_t start) -> bool:
    """geo.toponyms.near_cue(text, start), in C (for the tests)."""
    return _near_cue(text, start, 0)


cdef bint _area_words(str text, Py_ssize_t start, Py_ssize_t end):
    """geo.resolve._names_an_area, called only when "'s" follows or a word ending in "ern" comes before."""
    cdef Py_ssize_t index
    if end < len(text) and (text[end] == u"'" or text[end] == u"’"):
        return True
    if start > 0 and text[start - 1] == u" ":
        index = start - 1
        while index > 0 and Py_UNICODE_ISSPACE(text[index - 1]):
            index -= 1
        return index >= 3 and text[index - 1] == u"n" and text[index - 2] == u"r" and text[index - 3] == u"e"
    return False


cdef class _Cand:
    """geo.resolve._Candidates in C fields, with each entry's Place fields in one tuple."""

    cdef object country, admin1, features
    cdef bint kri
    cdef Py_ssize_t count
    cdef list fields  # per entry: (id, name, kind, country, admin1, lat, lon)
    cdef list precisions  # per entry: (far, near)

    def __init__(self, candidates):
        self.country = candidates.country
        self.admin1 = candidates.admin1
        self.kri = candidates.kri
        self.features = candidates.features
        self.count = len(candidates.entries)
        self.fields = [(e.id, e.name, e.kind, e.country, e.admin1, e.lat, e.lon) for e in candidates.entries]
        self.precisions = list(candidates.precisions)


cdef object _cands_for = None  # the geo.resolve cache _cands was filled from (one per gazetteer)
cdef dict _cands = {}


cdef _Cand _cand(object cache, tuple ids, object gaz):
    """The candidates of a mention, from geo.resolve's cache (filled as it fills it) in C fields."""
    global _cands_for, _cands
    if cache is not _cands_for:
        _cands_for, _cands = cache, {}
    found = _cands.get(ids)
    if found is None:
        candidates = cache.get(ids)
        if candidates is None:
            candidates = cache[ids] = _Candidates(ids, gaz)
        found = _cands[ids] = _Cand(candidates)
    return <_Cand>found


def resolve_mentions(str text, mentions, gaz):
    """geo.resolve.resolve_mentions."""
    cache = _candidates_of(gaz)
    cdef Py_ssize_t count = len(mentions), index, best, total = 0
    cdef list found = [None] * count
    cdef list fields_of = [None] * count  # per mention: start, end, hints, vague
    cdef dict countries = {}, admin1 = {}
    cdef bint kri = False, vague
    cdef _Cand candidates
    for index in range(count):
        mention = mentions[index]
        if type(mention) is Mention:
            ids = _slot(mention, _MENTION_SLOTS, 4)
            fields_of[index] = (
                _slot(mention, _MENTION_SLOTS, 1), _slot(mention, _MENTION_SLOTS, 2),
                _slot(mention, _MENTION_SLOTS, 6), _slot(mention, _MENTION_SLOTS, 7),
            )
        else:
            ids = mention.candidates
            fields_of[index] = (mention.start, mention.end, mention.hints, mention.vague)
        candidates = _cand(cache, ids, gaz)
        found[index] = candidates
        if candidates.country is not None:
            countries[candidates.country] = countries.get(candidates.country, 0) + 1
            total += 1
        if candidates.admin1 is not None:
            admin1[candidates.admin1] = admin1.get(candidates.admin1, 0) + 1
        if candidates.kri:
            kri = True
    cdef list spans = _cue_spans(text)
    cdef list places = [None] * count
    cdef list scores
    cdef Py_ssize_t mstart, mend
    cdef double confidence, top, score, total_exp
    cdef tuple hints
    cdef int far, near
    for index in range(count):
        mention = mentions[index]
        candidates = found[index]
        if candidates.count == 0:
            places[index] = _place(mention, _NO_ENTRY, None, 0.0)
            continue
        mstart, mend, hints, vague = fields_of[index]
        if candidates.count == 1:
            best, confidence = 0, 1.0
        else:
            for s, e in spans:
                if s <= mstart < e:
                    hints = _ADM_HINTS + hints
                    break
            else:
                if _area_words(text, mstart, mend) and _names_an_area(text, mention):
                    hints = _ADM_HINTS + hints
            scores = _scores(candidates.features, vague, hints, countries, admin1, total, kri)
            top = max(scores)
            best = scores.index(top)
            total_exp = 0.0
            for score in scores:
                total_exp += exp(score - top)
            confidence = 1.0 / total_exp
        if vague:
            confidence = min(confidence, 0.5)
        far, near = candidates.precisions[best]
        places[index] = _place(
            mention, candidates.fields[best], far if far == near or not _near(text, mstart) else near, confidence
        )
    return places


cdef list _scores(features, bint vague, tuple hints, dict countries, dict admin1, Py_ssize_t total, bint kri):
    """geo.resolve._scores."""
    cdef bint kri_border = vague and kri
    cdef list scores = []
    cdef double score
    for base, kind, country, province, is_kri_iran in features:
        score = base
        if kind in hints:
            score += 4.0 - hints.index(kind)
        if total and country:
            score += 3.0 * <double>countries.get(country, 0) / <double>total
        if province and admin1.get(province, 0):
            score += 1.0
        if kri_border and is_kri_iran:
            score += 2.0
        scores.append(score)
    return scores
