"""cleanup: make scraped and drafted news articles fit to publish.

>>> from cleanup import clean
>>> result = clean({"title": "Hello | Example", "body": "Text.", "url": "https://example.com/a"})
>>> result.article.get("headline")
'Hello'
"""

from cleanup.api import Cleaner, Config, UnknownSiteError, check, clean
from cleanup.html import HtmlError, HtmlResult, clean_html
from cleanup.model import Article, ArticleError, Finding, Result
from cleanup.packs import PackError

__all__ = [
    "Article",
    "ArticleError",
    "Cleaner",
    "Config",
    "Finding",
    "HtmlError",
    "HtmlResult",
    "PackError",
    "Result",
    "UnknownSiteError",
    "check",
    "clean",
    "clean_html",
]
__version__ = "0.1.0"
