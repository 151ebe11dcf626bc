"""Words before a place that say the event was only near it ("near Koya", "30 km north of Erbil")."""

# Phrases that end right before the place.
NEAR_PHRASES = ("near", "outside", "around", "close to", "on the outskirts of")
DIRECTIONS = ("north", "south", "east", "west")  # "north of", "northwest of", "30 km north of"
NEAR_COUNTRIES = ("Iraq", "Iran", "Turkey", "Syria")  # "near Iraq's Erbil"
OF = "of"  # the word after a direction or a distance ("north of", "30 km west of")
NEAR_REACH = 48  # characters before the place the phrase is looked for in
# Case-insensitive; {near}, {directions}, {of}, {countries}: the tables above; {possessives}:
# geo.rules.names.POSSESSIVES.
NEAR_PATTERN = r"\b(?:{near}|(?:{directions})\w*\s+{of}|km\s+\w+\s+{of})\s+(?:(?:{countries})(?:{possessives})\s+)?$"
# A direction, then a few words on the place: "north of Kurdistan's capital city Erbil".
DIRECTION_OF_PATTERN = r"\b(?:{directions})\w*\s+{of}\s+(?:[\w’']+\s+){1,3}$"
DIRECTION_REACH = 60
# "near" reaches along a list: "near Erbil and Sulaymaniyah" (the list mark or word, then the name before it).
LIST_MARKS = (",",)  # ... followed by any whitespace
LIST_WORDS = ("and", "or")  # ... with whitespace on both sides
LIST_PREFIXES = ("al-", "el-")  # what may stand between the list word and the next name
LIST_BEFORE = r"(?:(?:{list_marks})\s*|\s+(?:{list_words})\s+)(?:{list_prefixes})?$"
LIST_REACH = 8  # characters before the place the list pattern is looked for in
NAME_BEFORE_REACH = 40  # ... and before the list mark, the name before it
LIST_STEPS = 3  # how many names back along a list "near" reaches
NAME_BEFORE = r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}$"
