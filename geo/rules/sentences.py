"""How an article is read sentence by sentence: where a sentence ends, and which sentences
tell of an earlier time.

Plain data, compiled by :mod:`geo.events`.
"""

# A full stop after these is no sentence end ("U.S. forces", "Gen. Bagheri", "Sept. 12").
ABBREVIATIONS = (
    r"(?:\b(?:U\.S|U\.K|U\.N|Gen|Lt|Col|Maj|Brig|Mr|Mrs|Ms|Dr|St|No|Sgt|Capt|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Amb|vs|etc|approx|Inc|Ltd|Co)|\b[A-Z]|\b[ap]\.m|\bi\.e|\be\.g)\.$"
)

# Where a sentence ends: end punctuation and its closing quotes or brackets, or a line break.
SENTENCE_END = r"[.!?]+[\"”’')\]]*(?=\s+|$)|\n+"

# A sentence told in the past perfect ("had launched") tells of before: its date is not passed on (case-insensitive).
PAST_PERFECT = r"\bhad\s+(?:already\s+|also\s+)?(?:been\s+)?(?:\w+ed|hit|struck|shot|sent|led)\b"

RECENT = 3  # days: a headline's event is the one the article dates within this before publication
