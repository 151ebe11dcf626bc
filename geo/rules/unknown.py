"""Capitalised words the gazetteer lacks that stand where a place does ("villages near Zrgwez")."""

# The words and phrases after which a capitalised word is probably a place.
UNKNOWN_PLACE_CUES = (
    "in",
    "near",
    "at",
    "outside",
    "around",
    "towards",
    "village of",
    "town of",
    "city of",
    "area of",
    "district of",
    "sub-district of",
    "subdistrict of",
    "region of",
    "camp of",
    "camp at",
    "village in",
    "village near",
    "villages in",
    "villages near",
    "villages of",
    "base in",
    "base at",
    "base near",
    "bases in",
    "bases at",
    "bases near",
    "areas of",
    "area near",
    "area around",
    "areas near",
    "areas around",
)
# ... then the article, optionally, and the name: one or two capitalised words ({cues}: the table above;
# {article}: geo.rules.names.ARTICLE).
UNKNOWN_PLACE_PATTERN = (
    r"\b(?:{cues})\s+(?:{article}\s+)?((?:[A-Z][a-z’'\-]+)(?:\s+[A-Z][a-z’'\-]+)?)(?=[\s,.;:!?)\]]|$)"
)
# A list goes on from an unknown name: "in Koya, Zrgwez and Sidakan" ({list_marks}, {list_words}: the list
# tables of geo.rules.near).
LIST_NEXT = (
    r"(?:(?:{list_marks})\s*(?:(?:{list_words})\s+)?|\s+(?:{list_words})\s+)"
    r"((?:[A-Z][a-z’'\-]+)(?:\s+[A-Z][a-z’'\-]+)?)\b"
)
