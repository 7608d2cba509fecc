"""The HTML front end: clean a page or a CMS body with the same rules as text.

>>> from cleanup.html import clean_html
>>> out = clean_html('<p>Storm hits the coast.</p><p>Follow us on Twitter</p>')
>>> out.html
'<p>Storm hits the coast.</p>'
>>> out.article.body
'Storm hits the coast.'
"""

from cleanup.html.api import HtmlCleaner, HtmlFinding, HtmlResult, clean_html
from cleanup.html.parse import DEFAULT_MAX_BYTES, HtmlError, Limits
from cleanup.html.selectors import CONTAINER_RULE
from cleanup.rules.html_container import ContainerRule

HTML_EXTENSIONS = (".html", ".htm")
"""File extensions the command line reads as HTML."""

__all__ = [
    "CONTAINER_RULE",
    "DEFAULT_MAX_BYTES",
    "HTML_EXTENSIONS",
    "ContainerRule",
    "HtmlCleaner",
    "HtmlError",
    "HtmlFinding",
    "HtmlResult",
    "Limits",
    "clean_html",
]
