"""Resolution's cues that a name means the area around a town, not the town itself."""

# After one of these words, names up to the end of the sentence are provinces ("the governorates of Erbil, Duhok").
LIST_CUE_WORDS = ("governorates", "provinces")
LIST_CUE_PATTERN = r"\b({list_cues})\b"  # case-insensitive
SENTENCE_END = r"[.!?]\s|\n"
# "Erbil's Sidakan sub-district", "Soran's villages": a place that owns another is the area around it.
OWNS_AFTER = (
    r"['’]s\s+(?:[A-Z]|(?:sub-?)?districts?\b|province\b|governorate\b|border\b|countryside\b|villages?\b|mountains?\b)"
)
# ... and so is "northern Erbil".
PART_BEFORE = r"\b(?:northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western)\s+$"
AREA_HINTS = ("adm1", "adm2")  # the kinds a name these cues call an area hints at, first
