"""Words before a place that say the event was only near it ("near Koya", "30 km north of Erbil")."""

# Phrases that end right before the place.
NEAR_PHRASES = ("near", "outside", "around", "close to", "on the outskirts of")
DIRECTIONS = ("north", "south", "east", "west")  # "north of", "northwest of", "30 km north of"
NEAR_COUNTRIES = ("Iraq", "Iran", "Turkey", "Syria")  # "near Iraq's Erbil"
NEAR_REACH = 48  # characters before the place the phrase is looked for in
# Case-insensitive; {near}, {directions}, {countries}: the tables above.
NEAR_PATTERN = r"\b(?:{near}|(?:{directions})\w*\s+of|km\s+\w+\s+of)\s+(?:(?:{countries})['’]s\s+)?$"
# A direction, then a few words on the place: "north of Kurdistan's capital city Erbil".
DIRECTION_OF_PATTERN = r"\b(?:{directions})\w*\s+of\s+(?:[\w’']+\s+){1,3}$"
DIRECTION_REACH = 60
# "near" reaches along a list: "near Erbil and Sulaymaniyah" (the list word, then the name before it).
LIST_BEFORE = r"(?:,\s*|\s+(?:and|or)\s+)(?:al-|el-)?$"
NAME_BEFORE = r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}$"
