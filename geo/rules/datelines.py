"""Datelines: where the reporter filed from ("TEHRAN -"), read at the start of the text."""

# A dateline opens the text, or the first lines after a headline: "TEHRAN -", "ERBIL, Kurdistan Region -".
DATELINE = (
    r"[^\w\n]*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})\s*(?:,\s*[A-Z][\w .]{1,30}?)?\s*"
    r"(?:\([^)]{1,30}\)\s*)?[-–—:]"
)
# ... or an agency's byline with no dash: "MOSCOW (UrduPoint News / Sputnik - 29th August, 2022) Iraqi ...".
AGENCY_DATELINE = (
    r"[^\w\n]*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})\s*"
    r"\((?=[^)]*(?:News|Agency|Press|Reuters|AFP|AP\b|Sputnik|IRNA|Tasnim|Xinhua|Anadolu|IANS|Rudaw|Kurdistan\s?24|\d{4}))"
    r"[^)]{1,60}\)"
)
# ... or in title case with the filing date: "Baghdad, Aug 12:", "Tehran, March 20 (IANS)".
DATED_DATELINE = (
    r"[^\w\n]*([A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}),\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]{1,30}\)\s*[-–—:]?|[-–—:])"
)
DATELINE_LINES = 4  # the dateline is looked for at the start of this many lines (not counting blank ones)
DATELINE_REACH = 600  # ... within this many characters
DATELINE_HINTS = ("populated_place",)  # the kind a dateline's place is
