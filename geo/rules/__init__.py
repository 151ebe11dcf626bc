"""The rules as data: every word list and pattern the recogniser and the event reader use, each once.

Plain Python tables, one module per concept; :mod:`geo._rulebook` compiles them
(patterns filled in from the word tables, the shortcut word sets derived from
them) and ``geo.toponyms.reload_rules()`` compiles them again after a change at
run time. A pattern template names the word tables it is filled with as
``{table}``; a table entry is a phrase, its words joined by whitespace in the
text. The recogniser's tables hold ASCII only (the shortcut sets are read off them as the
spaced text writes ASCII).

- :mod:`geo.rules.names`: the words around a name (organisations, locatives, generic words, people's particles).
- :mod:`geo.rules.people`: titles before a person's name, and the name after one.
- :mod:`geo.rules.unknown`: where a capitalised word the gazetteer lacks is still a place.
- :mod:`geo.rules.regions`: vague regions ("Iraq's Kurdistan Region", "the border areas").
- :mod:`geo.rules.datelines`: datelines ("TEHRAN -").
- :mod:`geo.rules.near`: "near" and "north of" before a place (precision 2).
- :mod:`geo.rules.areas`: resolution's cues that a name is an area (lists of governorates, "Erbil's villages").
- :mod:`geo.rules.events`: what makes a sentence report a strike, a meeting or a border-control change, and
  what makes it none (threats, plans, habits); compiled by :mod:`geo._triggers`.
- :mod:`geo.rules.places`: where an event happened (venues, struck sites, the border an article means).
- :mod:`geo.rules.merging`: when two reports are one event.
- :mod:`geo.rules.sentences`: where a sentence ends, and which tell of an earlier time.
- :mod:`geo.rules.dates`: month and weekday names, date phrases, and background words before a date.
"""
