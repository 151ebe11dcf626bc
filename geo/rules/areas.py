"""Resolution's cues that a name means the area around a town, not the town itself."""

# After one of these words, names up to the end of the sentence are provinces ("the governorates of Erbil, Duhok").
LIST_CUE_WORDS = ("governorates", "provinces")
LIST_CUE_PATTERN = r"\b({list_cues})\b"  # case-insensitive
SENTENCE_END = r"[.!?]\s|\n"
# "Erbil's Sidakan sub-district", "Soran's villages": a place that owns another is the area around it.
# {possessives}: geo.rules.names.POSSESSIVES.
OWNS_AFTER = (
    r"(?:{possessives})\s+(?:[A-Z]|(?:sub-?)?districts?\b|province\b|governorate\b|border\b|countryside\b|villages?\b|"
    r"mountains?\b)"
)
# ... and so is "northern Erbil" (case as written).
AREA_PARTS = (
    "northern",
    "southern",
    "eastern",
    "western",
    "north-eastern",
    "northeastern",
    "north-western",
    "northwestern",
    "south-eastern",
    "southeastern",
    "south-western",
    "southwestern",
)
PART_BEFORE = r"\b(?:{parts})\s+$"  # {parts}: the table above
PART_REACH = 20  # characters before the name it is looked for in
AREA_HINTS = ("adm1", "adm2")  # the kinds a name these cues call an area hints at, first
