"""Name normalisation shared by the gazetteer build and every lookup.

The build stores normalised keys in the shipped name index, so the index and the
lookups must fold names the same way: both call :func:`name_key`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

__all__ = [
    "ARABIC_VARIANTS",
    "FOLDING_TABLE",
    "GENERIC_WORDS",
    "KIND_HINTS",
    "article_variants",
    "fold_key",
    "folded_keys",
    "is_useful_alias",
    "key_variants",
    "name_key",
    "split_generic",
    "strip_leading",
]

#: Arabic-script letters that spellings of one name mix freely (Arabic and Persian forms), one
#: character for one, so text matching (geo._lexicon) can fold them without moving offsets.
ARABIC_VARIANTS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ي": "ی",
    "ى": "ی",
    "ئ": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
}
# Letters that NFKD does not decompose but that transliterations use freely.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ə": "e",
        "ʻ": "",
        "ʼ": "",
        "ʿ": "",
        "ʾ": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
        **ARABIC_VARIANTS,
        "ـ": "",  # tatweel
        "\u200c": " ",  # zero-width non-joiner, Persian compounds
        "\u200d": "",
    }
)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_/.,()\"“”]+")

# Generic words that name the kind of a place rather than the place. A lookup of
# "Erbil governorate" looks for "Erbil" and prefers entries of the hinted kind.
KIND_HINTS: dict[str, tuple[str, ...]] = {
    "governorate": ("adm1",),
    "province": ("adm1",),
    "provinces": ("adm1",),
    "ostan": ("adm1",),
    "muhafazat": ("adm1",),
    "county": ("adm2",),
    "district": ("adm2",),
    "shahrestan": ("adm2",),
    "qadha": ("adm2",),
    "region": ("region", "adm1"),
    "city": ("populated_place",),
    "town": ("populated_place",),
    "village": ("populated_place",),
    "sub district": ("adm3", "populated_place"),
    "subdistrict": ("adm3", "populated_place"),
    "border crossing": ("crossing",),
    "crossing": ("crossing",),
    "border gate": ("crossing",),
    "border point": ("crossing",),
    "border post": ("crossing",),
    "border terminal": ("crossing",),
    "border market": ("crossing",),
    "terminal": ("crossing",),
    "mountains": ("landmark",),
    "mountain": ("landmark",),
    "camp": ("landmark",),
    # Arabic and Persian generic words, as folded by name_key ("محافظة" -> "محافظه").
    "محافظه": ("adm1",),
    "استان": ("adm1",),
    "شهرستان": ("adm2",),
}
GENERIC_WORDS = frozenset(KIND_HINTS)
_GENERIC_BY_LENGTH = sorted(KIND_HINTS, key=len, reverse=True)
_LEADING = (
    "the ",
    "city of ",
    "town of ",
    "province of ",
    "governorate of ",
    "county of ",
    "محافظه ",
    "استان ",
    "شهرستان ",
)
_ARTICLES = ("al ", "el ", "as ", "ash ", "at ", "an ", "ar ", "ad ", "az ", "adh ", "ath ")
_OTHER_SCRIPT = re.compile(
    r"[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0700-\u074f\u0900-\u0dff"
    r"\u0e00-\u0fff\u1000-\u109f\u10a0-\u10ff\u1100-\u11ff\u3040-\u30ff\u3100-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)


def name_key(name: str) -> str:
    """Fold a place name to its lookup key: case, diacritics, apostrophes, hyphens.

    ``"Al-Qādisiyyah"``, ``"al qadisiyyah"`` and ``"AL QADISIYYAH"`` share one key.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_FOLD)
    return _SEPARATORS.sub(" ", text).strip()


#: The transliteration folding rules, one regular expression and replacement a row (see the file).
FOLDING_TABLE = Path(__file__).parent / "data" / "folding.tsv"
_NAME_KEY_STEP = "<name_key>"


@functools.cache
def _folding_rules() -> tuple[tuple[re.Pattern[str] | None, str], ...]:
    rules: list[tuple[re.Pattern[str] | None, str]] = []
    for line in FOLDING_TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        pattern, replacement, _why = line.split("\t")
        rules.append((None, "") if pattern == _NAME_KEY_STEP else (re.compile(pattern), replacement))
    return tuple(rules)


@functools.lru_cache(maxsize=1 << 14)
def fold_key(name: str) -> str:
    """Fold a name's transliteration to a consonant skeleton, by the rules in ``data/folding.tsv``.

    Spellings that differ in vowels, doubled letters, kh/q/gh, w/v, sh/ş or
    diacritics share a key: "Sidakan", "Sidekan", "Siddkan" and "Sîdekan" all
    fold to ``"sdkn"``; "Bashmaq", "Bashmakh" and "Bashmagh" to ``"bxmk"``.
    Keys are for finding candidates: two names with one key may be different places.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    for pattern, replacement in _folding_rules():
        text = name_key(text) if pattern is None else pattern.sub(replacement, text)
    return text.lower()


def folded_keys(name: str) -> list[str]:
    """The folded keys a name is indexed under: the whole name and its variants (see :func:`key_variants`)."""
    keys = dict.fromkeys([fold_key(name), *(fold_key(v) for v in key_variants(name_key(name)))])
    return [k for k in keys if len(k) >= 2]


def key_variants(key: str) -> list[str]:
    """Every key a name should also be found under: without generic words or article.

    "محافظة أربيل" is found as "أربيل", "Anbar Province" as "anbar",
    "Al-Anbar" as "anbar". The build indexes all of them.
    """
    bare = strip_leading(key)[0]
    stem = split_generic(bare)[0]
    variants = dict.fromkeys([key, bare, stem, *article_variants(stem)])
    return [v for v in variants if v]


def article_variants(key: str) -> list[str]:
    """Return ``key`` without a leading Arabic article ("al anbar" -> "anbar", "الانبار" -> "انبار")."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            return [key[len(article) :]]
    if key.startswith("ال") and len(key) > 4:  # Arabic article, written joined
        return [key[2:]]
    return []


def strip_leading(key: str) -> tuple[str, tuple[str, ...]]:
    """Drop a leading phrase: ``"the kurdistan region"`` -> ``"kurdistan region"``.

    "province of tehran" also hints at the kind it names.
    """
    for lead in _LEADING:
        if key.startswith(lead) and len(key) > len(lead):
            return key[len(lead) :], KIND_HINTS.get(lead.split(" ")[0], ())
    return key, ()


def split_generic(key: str) -> tuple[str, tuple[str, ...]]:
    """Split a trailing generic word off a key: ``"erbil governorate"`` -> ``("erbil", ("adm1",))``.

    The kinds returned are hints for ranking, never filters.
    """
    for word in _GENERIC_BY_LENGTH:
        suffix = " " + word
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)].strip(), KIND_HINTS[word]
    return key, ()


def is_useful_alias(name: str) -> bool:
    """Keep Latin- and Arabic-script names; drop codes and other scripts.

    GeoNames alternates carry airport codes ("XTM"), lower-case machine
    romanisations and names in scripts that news about this region never uses;
    they only cost space and invite false matches.
    """
    name = name.strip()
    if len(name) < 2 or any(ch.isdigit() for ch in name):
        return False
    if _OTHER_SCRIPT.search(name):
        return False
    if name.isupper() and len(name) <= 4 and name.isascii():
        return False
    latin = not any("\u0600" <= ch <= "\u06ff" for ch in name)
    if latin and not any(ch.isupper() for ch in name):
        return False  # "a ba dan", "lamadi": machine romanisations, never written so in news
    return bool(name_key(name))
