"""The regional gazetteer of borderlens: places of the Iran–Iraq border region.

>>> from gazetteer import Gazetteer
>>> gaz = Gazetteer.load()
>>> gaz.lookup("Hawler")[0].name
'Erbil'
"""

from gazetteer.attribution import ATTRIBUTION, DATA_SOURCES
from gazetteer.entry import KINDS, Entry
from gazetteer.gazetteer import Gazetteer

__all__ = ["ATTRIBUTION", "DATA_SOURCES", "KINDS", "Entry", "Gazetteer"]
