"""cleanup: make scraped and drafted news articles fit to publish.

>>> from cleanup import clean
>>> result = clean({"title": "Hello | Example", "body": "Text.", "url": "https://example.com/a"})
>>> result.article.get("headline")
'Hello'
"""

from typing import TYPE_CHECKING, Any

from cleanup.api import Cleaner, Config, UnknownSiteError, check, clean
from cleanup.model import Article, ArticleError, Finding, Result
from cleanup.packs import PackError

if TYPE_CHECKING:
    from cleanup.html import HtmlError, HtmlResult, clean_html

_HTML_NAMES = ("HtmlError", "HtmlResult", "clean_html")


def __getattr__(name: str) -> Any:
    """The HTML front end's names, imported on first use: BeautifulSoup and soupsieve
    take a fifth of a command's start-up, and text cleaning never needs them."""
    if name in _HTML_NAMES:
        from cleanup import html

        return getattr(html, name)
    raise AttributeError(f"module 'cleanup' has no attribute {name!r}")


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
