"""People's names: a place word inside one ("Minister Koya Rasul") is no place."""

# Titles before a person's name: (the title as a pattern, the folded word(s) it is written as). The
# automaton finds the words; the pattern is tried where one stands.
TITLES: tuple[tuple[str, str], ...] = (
    ("[Mm]inister", "minister"),
    ("[Pp]resident", "president"),
    ("General", "general"),
    (r"Gen\.", "gen"),
    ("[Cc]ommander", "commander"),
    ("Sheikh", "sheikh"),
    ("Shaikh", "shaikh"),
    (r"Mr\.?", "mr"),
    (r"Mrs\.?", "mrs"),
    (r"Ms\.?", "ms"),
    (r"Dr\.?", "dr"),
    ("Ayatollah", "ayatollah"),
    ("[Aa]mbassador", "ambassador"),
    ("[Ss]pokes(?:man|woman|person)", "spokesman spokeswoman spokesperson"),
    ("[Ss]peaker", "speaker"),
    ("Brigadier", "brigadier"),
    ("Colonel", "colonel"),
    (r"Col\.", "col"),
    ("Major", "major"),
    ("[Cc]hief", "chief"),
    ("[Aa]dvis[eo]r", "adviser advisor"),
    ("[Ss]ecretary", "secretary"),
    ("[Ll]eader", "leader"),
    ("[Ff]ounder", "founder"),
    ("[Hh]ead", "head"),
    ("[Cc]ounterpart", "counterpart"),
    ("Premier", "premier"),
    ("[Gg]overnor", "governor"),
    ("[Mm]ayor", "mayor"),
    ("Imam", "imam"),
    ("[Cc]leric", "cleric"),
    ("[Oo]fficial", "official"),
    ("[Cc]ommentator", "commentator"),
    ("[Aa]nalyst", "analyst"),
    ("[Rr]eporter", "reporter"),
    ("[Cc]orrespondent", "correspondent"),
    ("[Ee]nvoy", "envoy"),
    ("[Dd]irector", "director"),
    ("[Mm]ember", "member"),
)
# Particles a person's first name may start with, besides geo.rules.names.NAME_PARTICLES.
FIRST_NAME_PARTICLES = ("Abdul", "de")
# The name after a title: up to four capitalised words ({first_particles}, {particles}: the two particle tables).
PERSON_NAME = (
    r",?\s+((?:(?:{first_particles})[-\s])?[A-Z][\w’'-]+"
    r"(?:\s+(?:(?:{particles})[-\s])?[A-Z][\w’'-]+){0,3})"
)
# The words of a person's name (not place names, those): split at whitespace and these characters, the
# quotes stripped from their ends, longer than PERSON_WORD_OVER characters and capitalised.
PERSON_WORD_BREAKS = "-"
PERSON_WORD_QUOTES = "’'"
PERSON_WORD_OVER = 2
