"""When two reports are one event: how far apart their dates may be, and which sub-types name one event.

Plain data, read by :mod:`geo.merge`.
"""

from geo.rules.events import UNSPECIFIED

WEEK_SPAN = 3  # days: a date of week precision (time_precision 2) is this many days either way

# Rare enough that two articles' reports on compatible dates are one event even where one names no place.
SPECIFIC_UNPLACED = {"security_agreement", "agreement_signing", "guard_deployment", "relocation_of_armed_groups"}

IN_PERSON = {"talks", "official_visit", "agreement_signing"}  # one visit, however each report tells it

# Sub-types that say less than another report of the same event may: the other's is kept.
GENERIC_SUBTYPES = {UNSPECIFIED, "talks", "official_visit"}
