# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled inner loops of recognition and resolution, for texts the fast path can read.

The pure-Python functions in :mod:`geo.toponyms` and :mod:`geo.resolve` are the
reference: this module does the same work with C-level character access and
without Python objects per automaton hit, and must give *identical* results
(``tests/test_speedups.py`` compares the two on the seed articles, the sample
corpus and fuzzed text). Installs without a C compiler fall back to the pure
path (``borderlens --version`` says which one runs).

The parts, each in the include file named after it:

* ``_speedups_lexicon.pxi``: :class:`Scanner`, the lexicon's keys
  (" word ", " two words ") in a trie walked from each space of the
  spaced text (it reports what the pyahocorasick automaton reports, in start
  order), and :func:`spaced_text`.
* ``_speedups_looks.pxi``: generic looks at the text around a position (the
  word before, a phrase's words in the spaced text, a word in a stretch),
  handed their word sets by the rules: a necessary condition of a pattern,
  so the pattern is called only where it can match (or, where the rulebook
  says a one-word phrase alone matches, a sufficient one).
* ``_speedups_toponyms.pxi``: :func:`mentions_plain`,
  :func:`geo.toponyms.mentions_from_text` for a text with no tricky character
  (``plain``).
* ``_speedups_patterns.pxi``: the region patterns tried at their leads, and
  the dateline patterns at the first lines.
* ``_speedups_names.pxi``: the names the gazetteer lacks
  (:mod:`geo._unknown`) and people's names after titles.
* ``_speedups_cues.pxi``: the near cue (:func:`geo._cues.near_cue`) and the
  look before the area cue (``geo.resolve._names_an_area``).
* ``_speedups_resolve.pxi``: :func:`resolve_mentions`,
  :func:`geo.resolve.resolve_mentions`.

This module knows no rule: no word, phrase or pattern of the recogniser is
written here. ``geo.toponyms`` hands it the compiled rules
(``geo._rulebook.Rules``, from the tables in ``geo.rules``: the patterns,
called back, and the word sets read off the same tables) and the Python
functions it calls back (near misses, folding), and hands them again when
the rules are reloaded; the scanner is handed its keys and the word sets it
notes at each space. The Python functions stay the reference of each rule:
``tests/test_speedups.py`` holds the two paths to the same results.

Mentions and places are the same frozen dataclasses as the pure path makes;
they are filled slot by slot, as the dataclass's own ``__init__`` does with
``object.__setattr__``, without its per-call overhead.
"""

from cpython.unicode cimport PyUnicode_READ, PyUnicode_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH
from cpython.unicode cimport PyUnicode_DecodeASCII, PyUnicode_Find
from libc.math cimport exp
from libc.stdint cimport int32_t, uint32_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memset
from weakref import ref as _weakref

cimport cython
from cpython.object cimport PyObject, PyTypeObject
from cpython.list cimport PyList_GET_ITEM
from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_GET_ITEM
from cpython.weakref cimport PyWeakref_GetObject

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)  # a str pattern's \d
    ctypedef struct PyMemberDef:
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member
    PyTypeObject Py_TYPE_MemberDescr "PyMemberDescr_Type"
    object PyType_GenericAlloc(PyTypeObject *tp, Py_ssize_t nitems)  # what object.__new__ allocates with
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)  # narrowed to fit
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    Py_UCS4 PyUnicode_MAX_CHAR_VALUE(object o)
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND
    ctypedef unsigned char Py_UCS1
    ctypedef unsigned short Py_UCS2
    int PyUnicode_4BYTE_KIND

# Roles: geo.toponyms._TITLE, _PATTERN, _UNKNOWN, _UNKNOWN_PHRASE, _ORG (checked in bind_toponyms()).
cdef enum:
    TITLE = 1
    PATTERN = 2
    UNKNOWN = 4
    UNKNOWN_PHRASE = 8
    ORG = 16

# -- characters, as the patterns read them ---------------------------------------------------------
cdef inline Py_UCS4 _lower(Py_UCS4 ch) noexcept:
    return <Py_UCS4>(<unsigned int>ch + 32u) if 65 <= ch <= 90 else ch


cdef extern from *:
    """
    /* PyUnicode_READ_CHAR, always inlined: gcc may leave a copy out of line in a big function */
    #if defined(__GNUC__) || defined(__clang__)
    #define BORDERLENS_INLINE inline __attribute__((always_inline))
    #else
    #define BORDERLENS_INLINE inline
    #endif
    static BORDERLENS_INLINE Py_UCS4 borderlens_read_char(PyObject *s, Py_ssize_t i) {
        int kind = PyUnicode_KIND(s);
        const void *data = PyUnicode_DATA(s);
        if (kind == PyUnicode_1BYTE_KIND) return ((const Py_UCS1 *)data)[i];
        if (kind == PyUnicode_2BYTE_KIND) return ((const Py_UCS2 *)data)[i];
        return ((const Py_UCS4 *)data)[i];
    }
    """
    Py_UCS4 _read_char "borderlens_read_char"(object s, Py_ssize_t i) noexcept


cdef inline Py_UCS4 _ch(str s, Py_ssize_t i) noexcept:
    """``s[i]`` read in place: Cython's own ``s[i]`` is a call and an error check, in every inner loop here."""
    return _read_char(s, i)


cdef inline bint _isword(Py_UCS4 ch) noexcept:
    """``\\w``: a letter, a digit (str.isalnum) or "_"."""
    if ch < 128:
        return (u"a" <= ch <= u"z") or (u"A" <= ch <= u"Z") or (u"0" <= ch <= u"9") or ch == u"_"
    return Py_UNICODE_ISALNUM(ch)


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
        if not _ci(_ch(text, s + k), _ch(word, k)):
            return False
    return True


cdef inline Py_ssize_t _space_back(str text, Py_ssize_t end):
    """Where the run of whitespace that ends at ``end`` starts (``end`` when there is none)."""
    while end > 0 and Py_UNICODE_ISSPACE(_ch(text, end - 1)):
        end -= 1
    return end


cdef inline Py_ssize_t _word_back(str text, Py_ssize_t end):
    """Where the run of \\w characters that ends at ``end`` starts."""
    while end > 0 and _isword(_ch(text, end - 1)):
        end -= 1
    return end


cdef inline bint _bound(str text, Py_ssize_t s) noexcept:
    """``\\b`` before the word character at ``s``."""
    return s == 0 or not _isword(_ch(text, s - 1))


cdef inline Py_ssize_t _skip_space(str text, Py_ssize_t i, Py_ssize_t n) noexcept:
    """Past the whitespace at ``i``."""
    while i < n and Py_UNICODE_ISSPACE(_ch(text, i)):
        i += 1
    return i


cdef inline bint _literal(str text, Py_ssize_t i, str word) noexcept:
    """``word`` at ``text[i:]``, case and all."""
    cdef Py_ssize_t k, m = len(word)
    if i < 0 or i + m > len(text):
        return False
    for k in range(m):
        if _ch(text, i + k) != _ch(word, k):
            return False
    return True


# -- what geo.toponyms and geo.resolve hand over: the rules (geo._rulebook.Rules) and the functions called back
cdef object Mention, Place
cdef _Slots _MENTION_SLOTS, _PLACE_SLOTS
cdef object _org_after_match, _org_before_search, _particle_after_match, _locative_search, _capital_match
cdef Py_ssize_t _ORG_REACH = 0, _LOCATIVE_REACH = 0
cdef object GENERIC_AT, generic_hints, NOT_PLACES, _DEMONYMS
cdef frozenset _ONE_WORD_GENERIC = frozenset()
cdef str _ARTICLE = "", _WORD_BREAKS = "", _WORD_QUOTES = ""
cdef Py_ssize_t _WORD_OVER = 0
cdef tuple _DATELINE_HINTS = ()
cdef object _PATTERNS, PATTERN_TRIGGERS
cdef object _TITLE_NEXT, _TITLE_AT, _PARTICLES, _unknown_match, _list_next_match
cdef tuple _DATELINE_MATCH = ()
cdef Py_ssize_t _DATELINE_LINES = 0, _DATELINE_REACH = 0
cdef object _SOURCE_FUZZY, _SOURCE_UNKNOWN, _near_miss, _fold_text, _generic_full_match
cdef object _candidates_of, _Candidates, _names_an_area, _list_cues, _SENTENCE_END
cdef tuple _ADM_HINTS = ()
cdef tuple _NO_HINTS = ()
cdef tuple _NO_ENTRY = (None,) * 7
cdef tuple _MENTION_FIELDS = ("doc_id", "start", "end", "surface", "candidates", "source", "hints", "vague")
cdef tuple _PLACE_FIELDS = (
    "mention", "place_id", "name", "kind", "country", "admin1", "lat", "lon", "precision", "confidence"
)


def _stale(str why):
    """The error for compiled loops that no longer fit the Python modules they mirror."""
    return ImportError(
        f"{why}: geo._speedups is out of date with the Python code; rebuild it (pip install -e .) "
        "or set BORDERLENS_PURE_PYTHON=1"
    )


cdef class _Slots:
    """Where each field of a frozen slotted dataclass lives in its instances (member descriptors' offsets)."""

    cdef object cls
    cdef Py_ssize_t offsets[16]
    cdef Py_ssize_t count

    def __init__(self, cls, tuple fields):
        if len(fields) > 16 or tuple(cls.__slots__) != fields or cls.__new__ is not object.__new__:
            raise _stale(f"geo._speedups cannot fill {cls.__name__} slot by slot")
        self.cls = cls
        self.count = len(fields)
        for i, name in enumerate(fields):
            descr = cls.__dict__[name]
            if type(descr) is not <object>&Py_TYPE_MemberDescr:
                raise _stale(f"{cls.__name__}.{name} is not a slot")
            self.offsets[i] = (<PyMemberDescrObject *>descr).d_member.offset


cdef inline object _alloc(_Slots slots):
    """An instance of ``slots.cls`` with every slot empty (filled next with _put)."""
    return PyType_GenericAlloc(<PyTypeObject *>slots.cls, 0)


cdef inline void _put(object obj, _Slots slots, Py_ssize_t i, object value) noexcept:
    """Fill the empty slot ``i`` of a new instance (it takes a reference to ``value``)."""
    Py_INCREF(value)
    (<PyObject **>(<char *><PyObject *>obj + slots.offsets[i]))[0] = <PyObject *>value


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


include "_speedups_lexicon.pxi"
include "_speedups_looks.pxi"
include "_speedups_toponyms.pxi"
include "_speedups_patterns.pxi"
include "_speedups_names.pxi"
include "_speedups_cues.pxi"
include "_speedups_resolve.pxi"
