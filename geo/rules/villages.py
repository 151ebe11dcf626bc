"""When a village the gazetteer keeps apart (it needs support) is taken from the text, and which one.

A village with no population shares its name with words, people and other
villages; it is taken only where the text says it is a place (a cue below) or
where the document's other places stand next to it (the distances below).
"""

# Words right before a name that say it is a village or a small area ("the villages of Darhol, ...").
CUES_BEFORE = (
    "village of",
    "villages of",
    "hamlet of",
    "town of",
    "sub-district of",
    "subdistrict of",
    "district of",
    "area of",
    "mayor of",
    "villages near",
    "village near",
    "villages in",
    "village in",
    "villages around",
    "villages, namely",
    "villages namely",
)
# Words right after a name that say the same ("Sherawa village", "Degala, a small town east of ...").
CUES_AFTER = (
    "village",
    "villages",
    "sub-district",
    "subdistrict",
    "district",
    "districts",
    "area",
    "heights",
    "valley",
)
# An apposition after the name: ", a (small|border|mountain) village|town ..." ({nouns}: the table below).
APPOSITION = r",\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,2}(?:{nouns})\b"
APPOSITION_NOUNS = ("village", "town", "hamlet", "sub-district", "subdistrict", "settlement")
# Words after a bare capitalised word that say it is a person ("Rahman said").
PERSON_AFTER = ("said", "says", "told", "added", "stated", "explained", "noted", "wrote", "asked", "who")

NEAR_KM = 30.0  # a resolved place of the document this close supports a village with no cue
FOCUS_KM = 60.0  # with a cue, a resolved place this close (or its province) is enough
MIN_FOLDED_KEY = 4  # folded keys shorter than this join too many names to be taken on their own ...
MIN_FOLDED_KEY_TOWN = 3  # ... except a town the gazetteer takes alone ("Chuman": Choman), next to the document's places
CUE_REACH = 40  # characters before a name the cue is looked for in
# A run of capitalised words (one to three), the name a village could be ({upper}: upper-case letters).
CAPITALISED_RUN = r"(?<![\w’'-])[{upper}][\w’'-]*(?:[ ][{upper}][\w’'-]*){{0,2}}(?![\w’'-])"
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u015e\u00c7"
# After a name, the next list member: ", Y", ", and Y", " and Y" ("the villages of A, B, and C").
LIST_GAP = r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+"
