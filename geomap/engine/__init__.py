"""Run place and incident extraction over many articles: in this process or on a Dask cluster, with a cache
of each article's results under the output folder so that a re-run only extracts what changed."""

from .cache import ArticleCache, content_key, version_stamp
from .run import ENGINES, ArticleResult, run_articles

__all__ = ["ENGINES", "ArticleCache", "ArticleResult", "content_key", "run_articles", "version_stamp"]
