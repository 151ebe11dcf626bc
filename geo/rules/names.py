"""The words around a place name that make it no place, or say what kind of place it is."""

# The possessive ending, in both apostrophes ("Iraq's", "Iraq’s"); the one table entry beyond ASCII.
POSSESSIVES = ("'s", "’s")

# A place name directly followed by one of these names an organisation ("Kurdistan Regional Government").
ORG_AFTER = (
    "Regional Government",
    "Region Security Council",
    "Regional Security Council",
    "Democratic Party",
    "Workers",
    "Free Life Party",
    "Freedom Party",
    "Islamic Union",
    "Islamic Group",
    "Islamic Movement",
    "Times",
    "TV",
    "News",
    "Agency",
    "news agency",
    "news website",
    "24",
    "Stock Exchange",
    "University",
    "Football",
    "Club",
    "Tribune",
    "Post",
    "Daily",
    "Observer",
    "Broadcasting",
    "Press",
    "Chronicle",
)
# ... then the pattern read after the name ({org_after}: the table above).
ORG_AFTER_PATTERN = r"[\s-]*(?:{org_after})\b"

# A place name directly preceded by one of these, a link word and optional words names one too
# ("Democratic Party of Iranian Kurdistan", "Security Council of Iraq").
ORG_HEADS = (
    "Party",
    "Union",
    "Council",
    "Bank",
    "Ministry",
    "Organisation",
    "Organization",
    "Movement",
    "Front",
    "Association",
    "Committee",
    "Society",
    "University",
    "Agency",
    "news agency",
    "news website",
    "Federation",
    "Alliance",
    "Coalition",
    "League",
    "Authority",
    "Commission",
    "Broadcasting",
    "Komala",
    "Komalah",
    "Parliament",
    "Embassy",
    "Consulate",
)
ORG_LINKS = ("of", "for", "in")  # between the organisation word and the name
ORG_OPTIONAL = (("the",), ("Free Life of",), ("Iranian", "Iraqi"))  # then each group, optionally, in order
ORG_REACH = 60  # how many characters before a name the organisation word may start

# Words that join a name to a family or given name: "Qasim al-Araji" is a person, not the place Qasim.
NAME_PARTICLES = ("al", "el", "bin", "ibn", "Al", "El", "Abu")
NAME_PARTICLE_PATTERN = r"\s+(?:{particles})[-\s][A-Z]"
# A minor place name followed by another capitalised word that is no place is a first name ("Saman Barzinji").
CAPITALISED_AFTER = r" ([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\b"

# A minor place name is kept after one of these even when a capitalised word follows ("in Koya Rasul").
LOCATIVES = ("in", "near", "at", "from", "to", "of", "around", "outside", "into", "toward", "towards", "and", "or")
LOCATIVE_PATTERN = r"\b(?:{locatives})\s+$"  # case-insensitive
LOCATIVE_REACH = 12  # characters before the name it is looked for in

# Generic words after a name ("Anbar province"): part of the mention, and a hint at its kind.
GENERIC_WORDS = (
    "province",
    "governorate",
    "district",
    "county",
    "sub-district",
    "subdistrict",
    "region",
    "city",
    "town",
    "village",
    "border crossing",
    "crossing",
    "border gate",
    "border point",
    "border post",
    "border terminal",
    "border market",
    "terminal",
    "camp",
    "mountain",
    "mountains",
)
GENERIC_PATTERN = r"[ \t]+({generic})\b"  # case-insensitive

ARTICLE = "the"  # the article a phrase may have before the name ("villages near the Qandil")

# Capitalised words that are never places (checked on the word after a name, and on unknown names).
NOT_PLACES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The This That These Those A An Its It Their His Her Our Parliament "
    "Congress Islam God Allah English Arabic Persian Kurdish Farsi Sorani Kurmanji Christmas Ramadan Eid Nowruz "
    "Newroz Muharram Ashura Arbaeen Komala Komalah PDKI KDPI PAK PJAK PKK IRGC Peshmerga KRG Quds Basij Hezbollah "
    "Hashd Reuters AFP Rudaw Kurdistan24 Tasnim Fars Mehr IRNA Ministry Ministries Government Embassy Consulate Office "
    "Presidency Department Directorate Command Headquarters Council Committee Commission Agency University Court "
    "Palace Airport Hospital Mosque Church School Forces Army Police".split()
)
# Peoples' names, folded: never looked up as places ("Kurdish" is no place), nor kept as unknown names.
DEMONYMS = frozenset(
    "iranian iranians iraqi iraqis kurdish kurd kurds turkish turk turks syrian syrians israeli israelis "
    "american americans arab arabs persian persians azeri azerbaijani armenian".split()
)
