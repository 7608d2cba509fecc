"""``clean_html``: the text rules applied to HTML, keeping the markup of what stays.

One document is cleaned in this order: safe parsing; field detection (headline, summary,
body); structural removal of the containers that packs name by selector; lines built from
the block elements; one run of the text cleaner over the article (so related-block rules
see a header line and the headlines after it as in text); its findings mapped back to the
tree. Every element is located by a CSS path computed on the tree as parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from bs4 import Tag

from cleanup.api import Cleaner, Config
from cleanup.html import extract
from cleanup.html.apply import FieldLines, apply, css_path, owner_of, plan, prune, remove
from cleanup.html.blocks import Line, collect
from cleanup.html.fields import Layout, Source, detect, meta_copies
from cleanup.html.parse import (
    HtmlError,
    Limits,
    as_is,
    decode,
    is_page,
    parse,
    serialize,
)
from cleanup.html.selectors import (
    CONTAINER_RULE,
    Match,
    SelectorIndex,
    find,
    selector_entries,
)
from cleanup.model import Article, Finding, Result
from cleanup.packs import Pack
from cleanup.rules.registry import select_rules


@dataclass(frozen=True)
class HtmlFinding(Finding):
    """A finding on HTML input; ``path`` is a CSS selector of the element concerned.

    Removed containers (H101) have ``field`` "html" and ``start == end == 0``: they were
    never part of a field's text; ``text`` is their text, one line per block.
    """

    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output, with ``path``."""
        out = super().to_dict()
        out["path"] = self.path
        return out


@dataclass(frozen=True)
class HtmlResult:
    """What cleaning HTML produced: the cleaned HTML and the article found in it."""

    html: str
    """The cleaned document (a fragment stays a fragment)."""
    result: Result
    """The article's fields before and after cleaning, and every finding."""
    page: bool
    """True for a whole page, False for a fragment such as a CMS body."""
    content: str
    """Where the body came from: article, main, extractor, body or fragment."""

    @property
    def article(self) -> Article:
        """The cleaned fields: headline, summary, body (one paragraph per line)."""
        return self.result.article

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: removed containers first, then the text rules' findings."""
        return self.result.findings

    @property
    def changed(self) -> bool:
        """True when anything was removed or replaced."""
        return any(f.action in ("remove", "replace") for f in self.result.findings)

    def to_dict(self) -> dict[str, Any]:
        """The cleaned fields and the findings, as for any other article."""
        return self.result.to_dict()


class HtmlCleaner:
    """Packs loaded once, for cleaning many HTML documents."""

    def __init__(self, config: Config | None = None, *, limits: Limits | None = None,
                 cleaner: Cleaner | None = None) -> None:
        self.cleaner = cleaner or Cleaner(config)
        self.config = self.cleaner.config
        self.limits = limits or Limits()
        self._containers = bool(select_rules([CONTAINER_RULE], self.config.select,
                                             self.config.ignore))
        self._indexes: dict[str | None, SelectorIndex] = {}

    def _index(self, site: Pack | None) -> SelectorIndex:
        """The selector entries in force for ``site``, indexed once per site."""
        key = site.path if site else None
        if key not in self._indexes:
            packs = self.cleaner.ruleset.active(site)
            self._indexes[key] = SelectorIndex(selector_entries(packs))
        return self._indexes[key]

    def clean(self, html: str | bytes, *, site: str | None = None, lang: str | None = None,
              url: str | None = None, extract_main: bool | None = None) -> HtmlResult:
        """Clean an HTML page or fragment; see :func:`clean_html`."""
        if extract_main and not extract.available():
            raise HtmlError(f"extract_main=True needs trafilatura: {extract.INSTALL_HINT}")
        text = decode(html, self.limits)
        page = is_page(text)
        soup = parse(text)
        layout = detect(soup, page)
        main = None
        content = layout.content
        if content == "body" and extract_main is not False and extract.available():
            main, content = extract.main_text(text), "extractor"

        article_url = url or layout.url
        pack = self.cleaner.ruleset.find_site(site or self.config.site, article_url)
        index = self._index(pack) if self._containers else SelectorIndex(())
        heads = [s.element for s in (layout.headline, layout.summary) if s is not None]
        protect = _with_ancestors([layout.root, *heads] +
                                  ([layout.article] if layout.article is not None else []))
        matches = find(soup.body or soup, index, article=layout.article, protect=protect)

        parts = _field_lines(layout, heads, matches, main)
        original = Article(headline=_text(layout.headline, parts[0]),
                           summary=_text(layout.summary, parts[1]), body=parts[2].text,
                           url=article_url, lang=layout.lang)
        result = self.cleaner.clean(original, site=site, lang=lang)

        # every path is taken on the tree as parsed, before anything is removed
        fragment = not page
        found = [_container_finding(m, fragment) for m in matches]
        found += [_located(f, parts, layout, fragment) for f in result.findings]
        copies = [(meta, name, css_path(meta, fragment))
                  for meta, name in meta_copies(soup, layout, original)]
        for match in matches:
            parent = match.element.parent
            remove(match.element)
            prune(parent, protect)
        apply(plan(parts, result.findings), [ln for p in parts for ln in p.lines], protect)
        found += _update_metas(layout, copies, result)
        out = HtmlResult(html=text, page=page, content=content,
                         result=Result(article=result.article, findings=tuple(found),
                                       original=result.original))
        if out.changed or not as_is(text):
            return replace(out, html=serialize(soup, page))
        return out  # nothing to change: the input comes back as it was, byte for byte


def _field_lines(layout: Layout, heads: Sequence[Tag], matches: Sequence[Match],
                 main: extract.MainText | None) -> list[FieldLines]:
    """Lines of the headline, the summary and the body (without removed containers)."""
    exclude = frozenset(id(t) for t in [*heads, *layout.exclude, *(m.element for m in matches)])
    body = collect(layout.root, exclude)
    if main is not None:
        body = [line for line in body if main.holds(line.text)]
    return [FieldLines.of("headline", _lines(layout.headline)),
            FieldLines.of("summary", _lines(layout.summary)), FieldLines.of("body", body)]


def _with_ancestors(tags: Sequence[Tag]) -> frozenset[int]:
    out: set[int] = set()
    for tag in tags:
        out.add(id(tag))
        out.update(id(p) for p in tag.parents)
    return frozenset(out)


def _lines(source: Source | None) -> list[Line]:
    if source is None or source.meta:
        return []
    return collect(source.element, single=True)


def _text(source: Source | None, lines: FieldLines) -> str:
    if source is not None and source.meta:
        return source.text
    return lines.text


def _container_finding(match: Match, fragment: bool) -> HtmlFinding:
    element = match.element
    text = "\n".join(line.text for line in collect(element))
    opening = _opening(element)
    what = match.entry.message or f"container ({match.entry.id})"
    return HtmlFinding(
        code=CONTAINER_RULE.code, name=CONTAINER_RULE.name, field="html", action="remove",
        severity=CONTAINER_RULE.severity, start=0, end=0, text=text,
        message=f"{what}: {opening} matches {match.selector!r}", source=match.entry.source,
        path=css_path(element, fragment))


def _opening(tag: Tag) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in tag.attrs.items() if k in ("id", "class", "role"))
    return f"<{tag.name}{attrs}>"


def _located(finding: Finding, parts: Sequence[FieldLines], layout: Layout,
             fragment: bool) -> HtmlFinding:
    source = {"headline": layout.headline, "summary": layout.summary}.get(finding.field)
    element: Tag | None
    if source is not None and source.meta:
        element = source.element
    else:
        lines = next((p for p in parts if p.name == finding.field), None)
        element = owner_of(lines, finding.start) if lines is not None else None
    return HtmlFinding(**_values(finding), path=css_path(element, fragment) if element else None)


def _update_metas(layout: Layout, copies: Sequence[tuple[Tag, str, str]],
                  result: Result) -> list[HtmlFinding]:
    """Give cleaned text to ``<meta>`` fields and to metas repeating a field; the changes of
    a field repeated in a meta are reported again with the meta's path."""
    cleaned, original = result.article, result.original
    for source, name in ((layout.headline, "headline"), (layout.summary, "summary")):
        value = getattr(cleaned, name)
        if source is not None and source.meta and value != source.text:
            source.element["content"] = value
    out = []
    for meta, name, path in copies:
        value = getattr(cleaned, name)
        if value == getattr(original, name):
            continue
        meta["content"] = value
        out += [HtmlFinding(**_values(f), path=path) for f in result.findings
                if f.field == name and f.action in ("remove", "replace")]
    return out


def _values(finding: Finding) -> dict[str, Any]:
    return {f.name: getattr(finding, f.name) for f in fields(Finding)}


@lru_cache(maxsize=1)
def _default_cleaner() -> HtmlCleaner:
    return HtmlCleaner()


def clean_html(html: str | bytes, *, site: str | None = None, lang: str | None = None,
               config: Config | None = None, url: str | None = None,
               extract_main: bool | None = None, max_bytes: int | None = None) -> HtmlResult:
    """Clean an HTML page or fragment with the same rules as text; keep all other markup.

    Returns the cleaned HTML, the article fields found in it (headline, summary, body as
    paragraphs separated by "\\n") and the findings, each with the CSS ``path`` of its
    element. ``html`` is text or bytes (decoded by BOM, ``<meta charset>``, else UTF-8).
    ``site``/``lang`` as for :func:`cleanup.clean`; ``url`` defaults to the page's
    canonical URL. ``extract_main``: for pages without ``<article>``/``<main>``, find the
    main text with trafilatura (None: when installed). Input over ``max_bytes`` (default
    10 MB), with too many tags, binary, declaring entities, or that the parser could not
    read whole raises :class:`HtmlError`. For many documents, reuse an
    :class:`HtmlCleaner`.
    """
    cleaner = _default_cleaner()
    if config is not None:
        cleaner = HtmlCleaner(config, limits=cleaner.limits)
    if max_bytes is not None:
        cleaner = HtmlCleaner(cleaner=cleaner.cleaner, limits=Limits(max_bytes=max_bytes))
    return cleaner.clean(html, site=site, lang=lang, url=url, extract_main=extract_main)

