"""How dates are told: month and weekday names, the phrases that date an event, and the words
before a date that make it background ("since", "ahead of").

Plain data, compiled by :mod:`geo.dates`. ``{month}`` in a pattern stands for MONTH_PATTERN.
"""

# Month names and abbreviations, with the month's number.
MONTH_NAMES = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A month named in a date (case-sensitive, as the absolute patterns are).
MONTH_PATTERN = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# Date phrases by kind; the relative kinds ("rel_...") are matched case-insensitively.
DATE_PATTERNS = (
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("dmy", r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"),
    ("mdy", r"\b{month}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    ("my", r"\b{month}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b"),
    ("month", r"\b(?i:in|since|during|by|early|late|mid-?)\s+{month}\b(?!\s+\d)"),
    ("year", r"\b(?i:in)\s+(?P<year>(?:19|20)\d\d)\b"),
    (
        "rel_weekday",
        r"\b(?:on|last|this\s+past|early|late)\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    ),
    (
        "rel_day",
        r"\b(?P<word>(?:the\s+)?day\s+before\s+yesterday|(?:two|three|2|3)\s+days\s+ago|yesterday|today|tonight|"
        r"this\s+morning|earlier\s+today|overnight|the\s+day\s+before)\b",
    ),
    (
        "rel_week",
        r"\b(?P<word>last\s+week|earlier\s+this\s+week|this\s+week|past\s+week|in\s+recent\s+days|recent\s+days|"
        r"the\s+past\s+few\s+days|days\s+ago)\b",
    ),
    ("rel_month", r"\b(?P<word>earlier\s+this\s+month|this\s+month|last\s+month|past\s+month)\b"),
    ("rel_year", r"\b(?P<word>last\s+year|this\s+year|earlier\s+this\s+year)\b"),
)
# How many days before publication each relative day word names.
DAYS_BACK = {
    "yesterday": 1,
    "day before": 1,
    "day before yesterday": 2,
    "two days ago": 2,
    "2 days ago": 2,
    "three days ago": 3,
    "3 days ago": 3,
}
# Which phrase wins when a sentence has several near its trigger: the more specific kind (lower first).
SPECIFICITY = {
    "iso": 0,
    "dmy": 0,
    "mdy": 0,
    "rel_weekday": 1,
    "rel_day": 1,
    "my": 2,
    "rel_week": 3,
    "month": 4,
    "rel_month": 4,
    "year": 5,
    "rel_year": 5,
}
# A date after these words, in the same clause, is background ("since ... 16 September", "ahead of the deadline").
BACKGROUND = r"\b(?:since|after|before|following|until|prior\s+to|ahead\s+of|deadline)\b[^,;.]{0,60}$"
