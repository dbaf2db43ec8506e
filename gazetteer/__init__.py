"""Offline gazetteer for Ukraine, Russia and neighbours: place names in any spelling to coordinates.

    >>> from gazetteer import Gazetteer
    >>> Gazetteer.load().best("Kriviy Rih").admin1_code
    'UA-12'
"""

from .exc import GazetteerError
from .fold import fold
from .model import Candidate, Place
from .resolve import Context, Gazetteer

__all__ = ["Candidate", "Context", "Gazetteer", "GazetteerError", "Place", "fold"]
