"""Rule packs: site and language knowledge as TOML data, loaded and checked into a RuleSet.

A pack is one TOML file. Language packs (``kind = "language"``) hold phrases that mark
junk in any site of that language; site packs (``kind = "site"``) add a site's brand
names, domains and its own phrases. Every entry has an ``id``, its phrases (or one named
``pattern``), and ``match`` / ``no_match`` examples that the test suite runs.
``[[selector]]`` entries hold ``css`` selectors instead: containers (related boxes, share
bars) that the HTML front end removes.
"""

from __future__ import annotations

import importlib.util
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import re2

from cleanup.pattern_sets import PatternSet
from cleanup.phrases import PhraseIndex, Tokens, phrase_tokens

ENTRY_KINDS: dict[str, tuple[str, ...]] = {
    # kind -> keys allowed besides the common ones
    "promo": ("at", "near", "max_words"),
    "related": ("at", "max_words"),
    "see_also": ("separator",),
    "line": ("code", "at", "max_words"),
    "share": ("rest",),
    "selector": ("css", "scope"),
}
_COMMON_KEYS = ("id", "phrases", "pattern", "match", "no_match", "message", "comment")
_AT = {"promo": ("start", "anywhere"), "related": ("line", "start"),
       "line": ("line", "start", "anywhere")}
LINE_CODES = ("B102", "B103", "B104", "N102", "N103", "N104", "N106")
SELECTOR_SCOPES = ("anywhere", "outside-article")


class PackError(ValueError):
    """A rule pack is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """One pack entry: what to match, where, and the examples that prove it."""

    pack: str
    kind: str
    id: str
    phrases: tuple[Tokens, ...]
    pattern: Any = None
    at: str = "start"
    near: tuple[Tokens, ...] = ()
    max_words: int = 40
    separator: bool = True
    code: str = ""
    rest: tuple[Tokens, ...] = ()
    css: tuple[str, ...] = ()
    scope: str = "anywhere"
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    message: str = ""

    @property
    def source(self) -> str:
        """Where the entry comes from, as reported in findings: ``file#id``."""
        return f"{self.pack}#{self.id}"


@dataclass(frozen=True)
class Pack:
    """A loaded rule pack."""

    path: str
    id: str
    kind: str
    lang: str | None
    site: str | None
    aliases: tuple[str, ...]
    brand: tuple[str, ...]
    domains: tuple[str, ...]
    headline_match: tuple[str, ...]
    brand_line_match: tuple[str, ...]
    entries: tuple[Entry, ...]
    vocab: Mapping[str, tuple[Tokens, ...]] = field(default_factory=dict)


BRAND_INDEXES_KEPT = 1024
"""How many brand indexes (one per URL host seen) an ``ActivePacks`` keeps, and as many
credit indexes."""
SITES_KEPT = 4096
"""How many (site name, URL host) look-ups a ``RuleSet`` remembers."""


_GENERIC_HOST_LABELS = frozenset({
    "www", "m", "amp", "ar", "en", "arabic", "news", "com", "net", "org", "co", "uk", "gov",
    "edu", "info", "tv", "fr", "de", "es", "io", "me", "ae", "sa", "eg",
})


def url_host(url: str | None) -> str:
    """The lower-cased host of ``url`` ("" without one)."""
    if not url or "://" not in url:
        return ""
    return url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()


def url_names(host: str) -> list[Tokens]:
    """Names a site goes by, read off its host: "bostonherald.com" gives bostonherald."""
    labels = [lab for lab in host.split(".") if lab and lab not in _GENERIC_HOST_LABELS]
    out: list[Tokens] = []
    for label in labels:
        toks = phrase_tokens(label)
        if toks and len(label) >= 3:
            out.append(toks)
    domain = host[4:] if host.startswith("www.") else host
    if domain:
        out.append(phrase_tokens(domain))
    return out


@dataclass(frozen=True)
class ActivePacks:
    """The packs in force for one site: every language pack plus that site's pack."""

    packs: tuple[Pack, ...]
    site: Pack | None = None
    _brand_indexes: dict[str, PhraseIndex[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)
    _credit_indexes: dict[str, PhraseIndex[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """All entries, the site pack's first: where phrases tie, the more specific wins."""
        site = self.site.entries if self.site else ()
        return site + tuple(e for p in self.packs if p is not self.site for e in p.entries)

    @cached_property
    def index(self) -> PhraseIndex[Entry]:
        """Every phrase of every entry, for one pass over a line's tokens."""
        return PhraseIndex.build((t, e) for e in self.entries for t in e.phrases)

    @cached_property
    def patterns(self) -> tuple[Entry, ...]:
        """Entries matched by a pattern instead of phrases."""
        return tuple(e for e in self.entries if e.pattern is not None)

    @cached_property
    def pattern_set(self) -> PatternSet:
        """The pattern entries, to try on a line in one call per anchoring."""
        return PatternSet(self.patterns)

    @cached_property
    def line_pattern_codes(self) -> frozenset[str]:
        """Codes of the ``[[line]]`` entries that use a pattern (most codes have none)."""
        return frozenset(e.code for e in self.patterns if e.kind == "line")

    @cached_property
    def pattern_kinds(self) -> frozenset[str]:
        """Kinds of the entries that use a pattern: other kinds match only by phrase."""
        return frozenset(e.kind for e in self.patterns)

    @cached_property
    def brand_names(self) -> tuple[Tokens, ...]:
        """Folded tokens of the site's brand names and domains (empty without a site)."""
        if self.site is None:
            return ()
        names = list(self.site.brand) + list(self.site.domains)
        return tuple(t for t in (phrase_tokens(n) for n in names) if t)

    def brand_index(self, url: str | None = None) -> PhraseIndex[str]:
        """The brand names, plus the names read off ``url`` (:func:`url_names`), indexed.

        Built once per URL host (articles of a site share it); at most
        ``BRAND_INDEXES_KEPT`` are kept.
        """
        host = url_host(url)
        found = self._brand_indexes.get(host)
        if found is None:
            if len(self._brand_indexes) >= BRAND_INDEXES_KEPT:
                self._brand_indexes.clear()
            found = PhraseIndex.build((n, "brand") for n in (*self.brand_names,
                                                             *url_names(host)))
            self._brand_indexes[host] = found
        return found

    def credit_index(self, url: str | None = None) -> PhraseIndex[str]:
        """News agency names and the brand names of :meth:`brand_index`, indexed; kept
        like the brand indexes."""
        host = url_host(url)
        found = self._credit_indexes.get(host)
        if found is None:
            if len(self._credit_indexes) >= BRAND_INDEXES_KEPT:
                self._credit_indexes.clear()
            names = [(t, "agency") for t in self.agencies]
            names += [(p, "brand") for p, _ in self.brand_index(url).items()]
            found = self._credit_indexes[host] = PhraseIndex.build(names)
        return found

    @cached_property
    def agencies(self) -> tuple[Tokens, ...]:
        """News agency names from the packs' ``agencies`` vocabulary."""
        return self.vocab("agencies")

    @cached_property
    def weekdays(self) -> frozenset[str]:
        """The one-word day names of the packs' ``weekdays`` vocabulary."""
        return frozenset(t[0] for t in self.vocab("weekdays") if len(t) == 1)

    def vocab(self, name: str) -> tuple[Tokens, ...]:
        """A named vocabulary list, merged over every pack in force."""
        return tuple(t for p in self.packs for t in p.vocab.get(name, ()))


@dataclass(frozen=True)
class RuleSet:
    """All loaded packs; ``for_site`` selects the ones in force for an article."""

    packs: tuple[Pack, ...]
    _active: dict[str | None, ActivePacks] = field(default_factory=dict, compare=False)
    _sites: dict[tuple[str | None, str | None], Pack | None] = field(
        default_factory=dict, compare=False, repr=False)

    @property
    def language_packs(self) -> tuple[Pack, ...]:
        """Packs that apply to every article."""
        return tuple(p for p in self.packs if p.kind == "language")

    @property
    def site_packs(self) -> tuple[Pack, ...]:
        """Packs that apply to one site."""
        return tuple(p for p in self.packs if p.kind == "site")

    def find_site(self, name: str | None = None, url: str | None = None) -> Pack | None:
        """The site pack named ``name`` (id, alias or domain), else the one owning ``url``
        (remembered for the last ``SITES_KEPT`` names and hosts asked about)."""
        key = (name, _host(url) if url else None)
        if key in self._sites:
            return self._sites[key]
        if len(self._sites) >= SITES_KEPT:
            self._sites.clear()
        found = self._sites[key] = self._find_site(name, url)
        return found

    def _find_site(self, name: str | None, url: str | None) -> Pack | None:
        if name:
            key = name.strip().lower()
            for pack in self.site_packs:
                if key == (pack.site or "").lower() or key in (a.lower() for a in pack.aliases) \
                        or key in pack.domains:
                    return pack
        if url:
            host = _host(url)
            for pack in self.site_packs:
                if any(host == d or host.endswith("." + d) for d in pack.domains):
                    return pack
        return None

    def active(self, site: Pack | None) -> ActivePacks:
        """Packs in force for ``site`` (built once per site and kept)."""
        key = site.path if site else None
        if key not in self._active:
            self._active[key] = ActivePacks(self.language_packs + ((site,) if site else ()),
                                            site)
        return self._active[key]


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    host = rest.split("/", 1)[0].split(":", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def builtin_pack_paths() -> list[tuple[str, Path]]:
    """The packs shipped with the package (the repository's ``rules/`` folder).

    Each comes with the name findings report it by, such as ``rules/sites/bbc.toml``.
    """
    root = _builtin_root()
    found = sorted(p for p in _walk(root) if p.suffix == ".toml")
    return [("rules/" + p.relative_to(root).as_posix(), p) for p in found]


def _builtin_root() -> Path:
    """Installed wheels carry the packs as ``cleanup.packs_data``; a source checkout has
    them in the repository's ``rules/`` beside the package."""
    # (a folder without __init__.py: its spec lists where it is; resources.files would
    # give a MultiplexedPath, which is not a path)
    spec = importlib.util.find_spec("cleanup.packs_data")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "rules"


def _walk(folder: Path) -> Iterable[Path]:
    for child in folder.iterdir():
        if child.is_dir():
            yield from _walk(child)
        else:
            yield child


def load_ruleset(extra_dirs: Sequence[str | Path] = ()) -> RuleSet:
    """Load the built-in packs plus every ``*.toml`` under ``extra_dirs``."""
    paths = builtin_pack_paths()
    builtin = len(paths)
    for folder in map(Path, extra_dirs):
        if not folder.is_dir():
            raise PackError(f"{folder}: rule folder not found")
        paths.extend((str(p), p) for p in sorted(folder.rglob("*.toml")))
    # The bundled packs' selectors are checked by the test suite; checking them again at
    # every start would cost a command line run about 0.15 s (soupsieve's own set-up).
    packs = [load_pack(p, name, check_css=i >= builtin) for i, (name, p) in enumerate(paths)]
    seen: dict[str, str] = {}
    for pack in packs:
        if pack.id in seen:
            raise PackError(f"{pack.path}: pack id {pack.id!r} already used by {seen[pack.id]}")
        seen[pack.id] = pack.path
    return RuleSet(tuple(packs))


def load_pack(path: str | Path, name: str | None = None, *, check_css: bool = True) -> Pack:
    """Read and check one pack file; errors name the file (or ``name``) and the entry.

    ``check_css=False`` skips compiling CSS selectors (for packs already checked)."""
    path = Path(path)
    name = name or str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{name}: cannot read rule pack: {exc}") from None
    return parse_pack(data, name, check_css=check_css)


def parse_pack(data: Mapping[str, Any], name: str, *, check_css: bool = True) -> Pack:
    """Check a parsed TOML pack and build it; ``name`` is used in error messages."""
    head = _table(data, "pack", name)
    kind = head.get("kind")
    if kind not in ("language", "site"):
        raise PackError(f"{name}: [pack] kind must be \"language\" or \"site\"")
    allowed = {"pack", "site", "vocab", *ENTRY_KINDS}
    for key in data:
        if key not in allowed:
            raise PackError(f"{name}: unknown table [{key}] "
                            f"(allowed: {', '.join(sorted(allowed))})")
    raw_vocab = {k: _strings(v, f"{name}: [vocab] {k}")
                 for k, v in _table(data, "vocab", name, required=False).items()}
    vocab = {k: _expand(v, raw_vocab, f"{name}: [vocab] {k}") for k, v in raw_vocab.items()}
    site = _table(data, "site", name, required=(kind == "site"))
    entries: list[Entry] = []
    ids: set[str] = set()
    for entry_kind in ENTRY_KINDS:
        raw = data.get(entry_kind, [])
        if not isinstance(raw, list):
            raise PackError(f"{name}: [{entry_kind}] must be an array of tables ([[{entry_kind}]])")
        for i, item in enumerate(raw):
            entry = _entry(item, entry_kind, name, i, raw_vocab, check_css)
            if entry.id in ids:
                raise PackError(f"{name}: entry id {entry.id!r} is used twice")
            ids.add(entry.id)
            entries.append(entry)
    return Pack(
        path=name, id=str(head.get("id") or Path(name).stem), kind=kind,
        lang=head.get("lang"), site=site.get("id") if site else None,
        aliases=_strings(site.get("aliases", []), f"{name}: [site] aliases"),
        brand=_strings(site.get("brand", []), f"{name}: [site] brand"),
        domains=tuple(d.lower() for d in _strings(site.get("domains", []),
                                                  f"{name}: [site] domains")),
        headline_match=_strings(site.get("headline_match", []), f"{name}: [site] headline_match"),
        brand_line_match=_strings(site.get("brand_line_match", []),
                                  f"{name}: [site] brand_line_match"),
        entries=tuple(entries), vocab=vocab,
    )


def _table(data: Mapping[str, Any], key: str, name: str, required: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        if required:
            raise PackError(f"{name}: missing [{key}] table")
        return {}
    if not isinstance(value, dict):
        raise PackError(f"{name}: [{key}] must be a table")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where} must be a list of strings")
    return tuple(value)


def _entry(item: Any, kind: str, name: str, i: int,
           raw_vocab: Mapping[str, Sequence[str]], check_css: bool = True) -> Entry:
    where = f"{name}: [[{kind}]] #{i + 1}"
    if not isinstance(item, dict):
        raise PackError(f"{where} must be a table")
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise PackError(f"{where}: missing id")
    where = f"{name}: [[{kind}]] {entry_id!r}"
    for key in item:
        if key not in _COMMON_KEYS and key not in ENTRY_KINDS[kind]:
            raise PackError(f"{where}: unknown key {key!r}")
    phrases = tuple(phrase_tokens(p) for p in _strings(item.get("phrases", []), where + " phrases"))
    if any(not p for p in phrases):
        raise PackError(f"{where}: a phrase has no letters or digits to match")
    pattern = None
    if "pattern" in item:
        if kind not in ("promo", "line"):
            raise PackError(f"{where}: pattern is allowed only in [[promo]] and [[line]] entries")
        pattern = compile_pattern(item["pattern"], where)
    fields: dict[str, Any] = {}
    if kind == "selector":
        if phrases:
            raise PackError(f"{where}: a selector entry takes css, not phrases")
        fields.update(_selector_fields(item, where, check_css))
    elif not phrases and pattern is None:
        raise PackError(f"{where}: needs phrases or a pattern")
    match = _strings(item.get("match", []), where + " match")
    no_match = _strings(item.get("no_match", []), where + " no_match")
    if not match or not no_match:
        raise PackError(f"{where}: needs at least one match and one no_match example")
    if "at" in item or kind in _AT:
        at = item.get("at", _AT.get(kind, ("start",))[0])
        if at not in _AT.get(kind, ()):
            raise PackError(f"{where}: at must be one of {', '.join(_AT.get(kind, ()))}")
        fields["at"] = at
    if "max_words" in item:
        if not isinstance(item["max_words"], int) or item["max_words"] < 1:
            raise PackError(f"{where}: max_words must be a positive integer")
        fields["max_words"] = item["max_words"]
    elif kind in ("line", "related"):
        fields["max_words"] = 12
    if "separator" in item:
        if not isinstance(item["separator"], bool):
            raise PackError(f"{where}: separator must be true or false")
        fields["separator"] = item["separator"]
    if kind == "line":
        code = item.get("code")
        if code not in LINE_CODES:
            raise PackError(f"{where}: code must be one of {', '.join(LINE_CODES)}")
        fields["code"] = code
    for key in ("near", "rest"):
        if key in item:
            fields[key] = _expand(_strings(item[key], f"{where} {key}"), raw_vocab,
                                  f"{where} {key}")
    if kind == "share" and not fields.get("rest"):
        raise PackError(f"{where}: needs rest (the words a share widget lists)")
    message = item.get("message", "")
    if not isinstance(message, str):
        raise PackError(f"{where}: message must be text")
    return Entry(pack=name, kind=kind, id=entry_id, phrases=phrases, pattern=pattern,
                 match=match, no_match=no_match, message=message, **fields)


def _selector_fields(item: Mapping[str, Any], where: str, check_css: bool) -> dict[str, Any]:
    """``css`` and ``scope`` of a ``[[selector]]`` entry: CSS selectors of containers that the
    HTML front end removes (its examples are HTML snippets, run by the HTML tests)."""
    css = _strings(item.get("css", []), where + " css")
    if not css:
        raise PackError(f"{where}: needs css (a list of CSS selectors)")
    for selector in css if check_css else ():
        import soupsieve  # only here: its set-up is slow, and text cleaning never needs it

        try:
            soupsieve.compile(selector)
        except soupsieve.SelectorSyntaxError as exc:
            raise PackError(f"{where}: invalid CSS selector {selector!r}: "
                            f"{str(exc).splitlines()[0]}") from None
    scope = item.get("scope", "anywhere")
    if scope not in SELECTOR_SCOPES:
        raise PackError(f"{where}: scope must be one of {', '.join(SELECTOR_SCOPES)}")
    return {"css": css, "scope": scope}


def _expand(values: Iterable[str], vocab: Mapping[str, Sequence[str]], where: str,
            seen: frozenset[str] = frozenset()) -> tuple[Tokens, ...]:
    """Phrases as tokens, with "@name" replaced by the pack's vocabulary list of that name.

    "@brand" stays as a marker: the site's brand names, known only per article.
    """
    out: list[Tokens] = []
    for value in values:
        if value == "@brand":
            out.append(("@brand",))
        elif value.startswith("@"):
            name = value[1:]
            if name not in vocab or name in seen:
                raise PackError(f"{where}: unknown or circular vocabulary {value!r}")
            out.extend(_expand(vocab[name], vocab, where, seen | {name}))
        else:
            toks = phrase_tokens(value)
            if not toks:
                raise PackError(f"{where}: {value!r} has no letters or digits to match")
            out.append(toks)
    return tuple(out)


def compile_pattern(pattern: Any, where: str) -> Any:
    """Compile a pack pattern with RE2 (linear time); it is matched on the folded key."""
    if not isinstance(pattern, str) or not pattern:
        raise PackError(f"{where}: pattern must be a non-empty string")
    try:
        return re2.compile(pattern)
    except re2.error as exc:
        raise PackError(f"{where}: invalid pattern (RE2 syntax, no backreferences or "
                        f"lookaround): {exc}") from None
