"""The library API: ``clean``, ``check`` and the reusable ``Cleaner``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cleanup.engine import EngineOptions, Plan, run
from cleanup.lang import detect_lang
from cleanup.model import Article, Finding, Result
from cleanup.packs import RuleSet, load_ruleset
from cleanup.rules.base import Context, Rule
from cleanup.rules.guard import GUARD_CODE
from cleanup.rules.registry import all_rules, select_rules


@dataclass(frozen=True)
class Config:
    """How to clean: which rules, which extra packs, the guard threshold, the default site.

    ``select``/``ignore`` take rule codes or prefixes ("P", "R10", "B105"). ``options``
    are passed to rules (for example ``{"keep_bidi": True}``).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    guard_share: float = 0.5
    site: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if not 0 < self.guard_share <= 1:
            raise ValueError(f"guard_share must be in (0, 1], not {self.guard_share}")


class UnknownSiteError(ValueError):
    """A site was named that no rule pack describes."""


class Cleaner:
    """Packs loaded and rules selected once, for cleaning many articles (its rule set
    also keeps, bounded, what depends on the input alone: indexes per site and host)."""

    def __init__(self, config: Config | None = None, ruleset: RuleSet | None = None) -> None:
        self.config = config or Config()
        self.ruleset = ruleset or load_ruleset(self.config.rule_dirs)
        self.rules = select_rules(all_rules(), self.config.select, self.config.ignore)

    @property
    def rules(self) -> list[Rule]:
        """The rules in force, in order (assign a new list to change them)."""
        return list(self._rules)

    @rules.setter
    def rules(self, rules: list[Rule]) -> None:
        self._rules = tuple(rules)
        self._plan = Plan.of(self._rules)
        guard = any(rule.code == GUARD_CODE for rule in self._rules)
        self._options = EngineOptions(guard_share=self.config.guard_share, guard=guard)

    def clean(self, article: Article | Mapping[str, Any], *, site: str | None = None,
              lang: str | None = None) -> Result:
        """Clean one article (an ``Article`` or a dict); see :func:`cleanup.clean`."""
        original = article if isinstance(article, Article) else Article.from_dict(article)
        named = site or self.config.site
        pack = self.ruleset.find_site(named or original.site, original.url)
        if named and pack is None:
            known = ", ".join(sorted(p.site or p.id for p in self.ruleset.site_packs))
            raise UnknownSiteError(f"unknown site {named!r} (known sites: {known})")
        packs = self.ruleset.active(pack)
        language = lang or original.lang or detect_lang(
            f"{original.headline}\n{original.summary}\n{original.body}")

        shared: dict[object, object] = {}  # line scans keyed by line text: valid in every stage

        def make_context(current: Article) -> Context:
            return Context(packs=packs, article=current, lang=language,
                           options=self.config.options, cache=shared)

        cleaned, findings = run(original, self._plan, make_context, self._options)
        return Result(article=cleaned, findings=tuple(findings), original=original)

    def check(self, article: Article | Mapping[str, Any], *, site: str | None = None,
              lang: str | None = None) -> list[Finding]:
        """The findings cleaning would report; nothing is changed."""
        return list(self.clean(article, site=site, lang=lang).findings)


@lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner()


def _cleaner(config: Config | None) -> Cleaner:
    return _default_cleaner() if config is None else Cleaner(config)


def clean(article: Article | Mapping[str, Any], *, site: str | None = None,
          lang: str | None = None, config: Config | None = None) -> Result:
    """Clean an article: remove what is not the article, repair the text, report all.

    ``article`` is an :class:`Article` or a dict with headline|title,
    summary|description|lead and body|text|content (the output keeps the input's keys).
    ``site`` names a site pack (default: the article's ``site`` or its URL's domain);
    ``lang`` overrides language detection. For many articles, reuse a :class:`Cleaner`.
    """
    return _cleaner(config).clean(article, site=site, lang=lang)


def check(article: Article | Mapping[str, Any], *, site: str | None = None,
          lang: str | None = None, config: Config | None = None) -> list[Finding]:
    """The findings :func:`clean` would report, without changing anything."""
    return _cleaner(config).check(article, site=site, lang=lang)
