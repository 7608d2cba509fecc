"""Field detection: where a page keeps its headline, summary and body.

Headline: the article's ``<h1>``, else the page's first ``<h1>`` outside header/nav/footer,
else ``og:title``, ``twitter:title`` or ``<title>``. Summary: the article's lead element
(``.lead``, ``.standfirst``, ``[itemprop=description]``...), else ``og:description`` or the
meta description. Body: the ``<article>`` (its ``articleBody`` element when it marks one,
without its own header and footer), else ``<main>``, else the extractor's main text, else
the whole ``<body>``. A fragment is all body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag

from cleanup.html.blocks import normalise


@dataclass(frozen=True)
class _Marks:
    """Elements marked by a class token, an attribute value or their tag name."""

    classes: frozenset[str] = frozenset()
    attrs: tuple[tuple[str, str], ...] = ()
    tags: frozenset[str] = frozenset()

    def __call__(self, tag: Tag) -> bool:
        if tag.name in self.tags:
            return True
        names = tag.get("class")
        if isinstance(names, str) and not self.classes.isdisjoint(names.split()):
            return True
        return any(tag.get(key) == value for key, value in self.attrs)


_LEAD = _Marks(classes=frozenset({
    "lead", "article-lead", "article__lead", "standfirst", "summary", "article-summary",
    "excerpt", "article-excerpt", "intro", "article-intro", "dek", "sapo", "subtitle",
    "subheadline"}), attrs=(("itemprop", "description"),))
_BODY = _Marks(classes=frozenset({
    "article-body", "article__body", "articleBody", "article-content", "article-text",
    "entry-content", "post-content", "story-body", "field-name-body"}),
    attrs=(("itemprop", "articleBody"), ("id", "article-body")))
_MAIN = _Marks(tags=frozenset({"main"}), attrs=(("role", "main"),))
_LEAD_TAGS = frozenset({"p", "div", "h2", "h3", "h4", "section", "span"})
_LEAD_MAX = 1500
_CHROME = frozenset({"header", "nav", "footer", "aside"})
TITLE_METAS = (("property", "og:title"), ("name", "twitter:title"))
SUMMARY_METAS = (("property", "og:description"), ("name", "description"),
                 ("name", "twitter:description"))
LANGS = frozenset({"ar", "en", "fa", "ur"})


@dataclass(frozen=True)
class Source:
    """Where a field's text is: an element's text, or a ``<meta>`` element's content."""

    element: Tag
    meta: bool = False

    @property
    def text(self) -> str:
        """The meta content, normalised (element text is read line by line instead)."""
        value = self.element.get("content")
        return normalise(value).strip(" ") if isinstance(value, str) else ""


@dataclass(frozen=True)
class Layout:
    """The parts of a document that the article's fields come from."""

    root: Tag
    """Where body lines come from."""
    content: str
    """How the body was found: article, main, extractor, body or fragment."""
    article: Tag | None = None
    """The article element (the ``outside-article`` selectors' boundary)."""
    headline: Source | None = None
    summary: Source | None = None
    exclude: tuple[Tag, ...] = ()
    """Elements inside ``root`` that are not body: the article's header and footer."""
    url: str | None = None
    lang: str | None = None


def detect(soup: BeautifulSoup, page: bool) -> Layout:
    """Find the article's parts in a parsed document (a fragment is all body)."""
    body = soup.body or soup
    if not page:
        return Layout(root=body, content="fragment")
    article = _article(body)
    main = _first(body, _MAIN) if article is None else None
    scope = article if article is not None else main
    root, content = (body, "body") if scope is None else \
        (scope, "article" if article is not None else "main")
    headline = _headline(soup, body, scope)
    summary = _summary(soup, scope, headline)
    inner = _first(root, _BODY) if scope is not None else None
    exclude: tuple[Tag, ...] = ()
    if inner is not None:
        root = inner
    elif article is not None:
        exclude = tuple(article.find_all(("header", "footer")))
    return Layout(root=root, content=content, article=article, headline=headline,
                  summary=summary, exclude=exclude, url=_url(soup), lang=_lang(soup))


def _first(root: Tag, marks: _Marks) -> Tag | None:
    found = root.find(marks)
    return found if isinstance(found, Tag) else None


def _article(body: Tag) -> Tag | None:
    """The page's article: the outermost ``<article>`` holding an h1, else the longest."""
    found = [a for a in body.find_all("article") if a.find_parent("article") is None]
    if not found:
        return None
    with_title = [a for a in found if a.find("h1") is not None]
    if len(with_title) == 1:
        return with_title[0]
    return max(with_title or found, key=lambda a: len(a.get_text()))


def _headline(soup: BeautifulSoup, body: Tag, scope: Tag | None) -> Source | None:
    if scope is not None and (h1 := scope.find("h1")) is not None:
        return Source(h1)
    metas = _metas(soup, TITLE_METAS)
    title = soup.find("title")
    title = title if isinstance(title, Tag) and title.get_text(strip=True) else None
    found = [h1 for h1 in body.find_all("h1")
             if not any(p.name in _CHROME for p in h1.parents) and h1.get_text(strip=True)]
    if len(found) > 1:
        # a logo h1 may come first: the page title names the headline
        hint = " ".join(Source(m, meta=True).text for m in metas)
        hint += " " + normalise(title.get_text()) if title is not None else ""
        named = [h1 for h1 in found if normalise(h1.get_text()).strip(" ") in hint]
        found = sorted(named, key=lambda h1: -len(h1.get_text())) or found
    if found:
        return Source(found[0])
    if metas:
        return Source(metas[0], meta=True)
    return Source(title) if title is not None else None


def _summary(soup: BeautifulSoup, scope: Tag | None, headline: Source | None) -> Source | None:
    """The lead element inside the article (or main), else a meta description."""
    for lead in scope.find_all(_LEAD) if scope is not None else ():
        if lead.name not in _LEAD_TAGS or lead.find("h1") is not None:
            continue
        if any(p.name == "aside" for p in lead.parents):
            continue
        if headline is not None and any(p is lead for p in headline.element.parents):
            continue
        text = lead.get_text(" ", strip=True)
        if text and len(text) <= _LEAD_MAX:
            return Source(lead)
    for meta in _metas(soup, SUMMARY_METAS):
        return Source(meta, meta=True)
    return None


def meta_copies(soup: BeautifulSoup, layout: Layout, original: Any) -> list[tuple[Tag, str]]:
    """Title and description metas, other than a field's source, whose content is that
    field's text (``og:description`` repeating the lead): (meta, field name)."""
    out = []
    for name, names in (("headline", TITLE_METAS), ("summary", SUMMARY_METAS)):
        source = getattr(layout, name)
        value = getattr(original, name)
        for meta in _metas(soup, names) if value else ():
            if (source is None or meta is not source.element) \
                    and Source(meta, meta=True).text == value:
                out.append((meta, name))
    return out


def _metas(soup: BeautifulSoup, names: tuple[tuple[str, str], ...]) -> list[Tag]:
    head = soup.head or soup
    out = []
    for attr, value in names:
        for meta in head.find_all("meta", attrs={attr: value}):
            content = meta.get("content")
            if isinstance(content, str) and content.strip():
                out.append(meta)
    return out


def _url(soup: BeautifulSoup) -> str | None:
    head = soup.head or soup
    where: tuple[tuple[str, dict[str, Any], str], ...] = (
        ("link", {"rel": "canonical"}, "href"), ("meta", {"property": "og:url"}, "content"))
    for tag, attrs, key in where:
        found = head.find(tag, attrs=attrs)
        value = found.get(key) if isinstance(found, Tag) else None
        if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
            return value.strip()
    return None


def _lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    value = html.get("lang") if isinstance(html, Tag) else None
    if not isinstance(value, str):
        return None
    primary = value.strip().lower().split("-")[0]
    return primary if primary in LANGS else None
