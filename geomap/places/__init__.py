"""Find place mentions in an article and resolve them: `find_places(article, gazetteer) -> list[Mention]`.

Steps: tokens -> candidate spans (gazetteer keys, n-grams) -> context filters (case, common words, person and
organisation names) -> region lists -> city or region -> metonymy -> two-pass resolution with the article's
other places as context. Mentions inside an authority's name ("Kharkiv Regional Military Administration",
"Kharkiv governor") are kept with role="organisation": they place an event in that region.
"""

from __future__ import annotations

from .find import find_places

__all__ = ["find_places"]
