"""Where an event happened: the words that make a place an event's venue or site, or not,
and the places an article means without naming them.

Plain data, compiled by :mod:`geo._event_places`; patterns are case-insensitive.
"""

NOT_VENUE = (
    r"(?:headquarter(?:s|ed)?\s+(?:is\s+|are\s+)?in|based\s+in|from(?:\s+across)?|relations\s+between|ties\s+with|"
    r"between|security\W{0,3}\s+along|security\s+of|sovereignty\s+of|against|"
    # "Iran's ambassador to Baghdad"
    r"(?:ambassador|envoy|embassy|consul(?:ate)?|charg[ée]\s+d['’]affaires)\s+(?:to|in)|"
    # the addressees of a call ("called on both Baghdad and Erbil to act")
    r"(?:call(?:ed|s|ing)?\s+on|urg(?:ed|es|ing)|ask(?:ed|s|ing))(?:\s+both)?(?:\s+\w+\s+(?:and|or))?|"
    r"(?:from|between)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:and|or))\s+(?:the\s+)?$"
)

# A place followed by a verb is the actor of the sentence ("Tehran says", "Iran held talks"), not where it happened.
SUBJECT = (
    r"^\s+(?:says?|said|has|have|had|is|was|will|would|held|launched|signs?|signed|meets?|met|accused|denied|"
    r"announced|welcomed|"
    r"urged|warned|rejected|stressed|called|demanded|considers?|maintains?|insists?|hopes?|wants?|[a-z]+ed|"
    r"set|sent|told|made|gave|took|began|struck|hit|fired|met|sought|brought|put|kept|won|lost)\b"
)

LOCATIVE = r"\b(?:in|at|near|on|around|outside|inside|across|into|to)\s+(?:the\s+)?$"

# A party to a deal or talks ("agreed with Tehran") is not where a strike or border change happened.
PARTY = r"\bwith\s+(?:the\s+)?$"

# "hit the PDKI headquarters in Koya": for a strike the headquarters is the target ("headquartered in" is not).
STRUCK_HQ = r"\bheadquarters\s+in\s+(?:the\s+)?$"

# A place said to be where something happened ("in Baghdad", "at the crossing").
IN_OR_AT = r"\b(?:in|at)\s+(?:the\s+)?$"

# A place followed by these owns what follows ("Tehran's forces"): the attacker, not the place.
POSSESSIVE = r"^['’]s?\b"

# The most precise kind of place first, when a sentence names several.
KIND_RANK = {
    "populated_place": 0,
    "crossing": 0,
    "landmark": 1,
    "adm3": 2,
    "adm2": 2,
    "adm1": 3,
    "region": 4,
    "border": 5,
}

# The kinds of place a strike can hit one by one (a sentence naming several gives one strike each).
SITE_KINDS = ("populated_place", "crossing", "landmark")

# A town named in these words after a struck town says where that one lies, not another target.
ALONG = r"\b(?:along|between|straddling)\s+(?:the\s+)?(?:[\w-]+\s+(?:and|or)\s+)?$"

APPOSITION = 40  # characters between a town and a "near ..." that only says where it is

FAR_REACH = 80  # characters after its trigger within which a place far outside the region must be named

# The words before a city that make it where the article's meetings happen ("arrived in", "a visit to").
VENUE_BEFORE = (
    r"\b(?:in|visit(?:ed|ing)?|(?:visits?|trip)\s+(?:of\s+(?:[\w'’.-]+\s+){1,10})?to|travel(?:l?ed|s)?\s+to|"
    r"arriv(?:ed|es|ing)\s+(?:\w+\s+){0,2}in)\s+(?:the\s+)?$"
)

# Countries where an event can be placed from a passing mention: the border's two sides, their neighbours
# on the mission's map and the Gulf. A place elsewhere is an event's only when its own sentence names it.
REGION_COUNTRIES = frozenset({"IQ", "IR", "TR", "SY", "KW", "SA", "BH", "QA", "AE", "OM", "JO"})

# Words that say guests came to where the report was filed ("met the visiting delegation", "arrived here").
GUEST = r"\b(?:the|a|an|his|her|their)\s+visiting\b|\barriv(?:ed|es)\s+here\b"

# A year named in a date phrase: a meeting so dated is not the article's current visit.
YEAR = r"\b(?:19|20)\d\d\b"

COUNTRY_WIDE = {"entry_restriction"}  # decisions that hold at every border of the deciding country

# The word a border-control change's guessed border is marked on.
BORDER_WORD = r"\bborders?\b"

# What "the border" means in an article that names both Iran and Iraq: the Kurdistan Region's stretch
# when the article names the region, else the whole line.
THE_BORDER = "border:iran-iraq"
THE_REGION_BORDER = ("region:kurdistan-region-iraq", "border:kurdistan-region-iran")
