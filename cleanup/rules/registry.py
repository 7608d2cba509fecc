"""Every rule of the product, in the order the engine runs them (earlier wins overlaps)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleanup.rules.base import Rule
from cleanup.rules.branding import BrandInProseRule, BrandOnlyLineRule, HeadlineSuffixRule
from cleanup.rules.guard import OverCleaningGuard
from cleanup.rules.html_container import ContainerRule
from cleanup.rules.navigation import (
    CommentWidgetRule,
    CopyrightLineRule,
    MoreLinkRule,
    PagerRule,
    SeparatorLineRule,
    ShareWidgetRule,
    SiteBoilerplateRule,
    SourceCreditRule,
    WireEndMarkerRule,
)
from cleanup.rules.promo import PromoInsideRule, PromoLineRule, PromoSentenceRule
from cleanup.rules.related import RelatedBlockRule, SeeAlsoRule, TrailingLeadsRule
from cleanup.rules.repair import REPAIR_RULES
from cleanup.rules.validate import VALIDATION_RULES


def all_rules() -> list[Rule]:
    """A fresh list of every rule: repairs, removals, then validation."""
    removals: list[Rule] = [
        RelatedBlockRule(), SeeAlsoRule(), SeparatorLineRule(), ShareWidgetRule(),
        WireEndMarkerRule(), MoreLinkRule(), PagerRule(), CommentWidgetRule(),
        CopyrightLineRule(),
        SourceCreditRule(), SiteBoilerplateRule(), BrandOnlyLineRule(), HeadlineSuffixRule(),
        PromoLineRule(), PromoSentenceRule(), PromoInsideRule(), OverCleaningGuard(),
    ]
    validation: list[Rule] = [TrailingLeadsRule(), BrandInProseRule(), *VALIDATION_RULES]
    html: list[Rule] = [ContainerRule()]  # documents the code; cleanup.html applies it
    return [*REPAIR_RULES, *removals, *validation, *html]


def select_rules(rules: Iterable[Rule], select: Sequence[str] = (),
                 ignore: Sequence[str] = ()) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix.

    An empty ``select`` selects every rule, validation (V) included, like ruff's
    ``--select``/``--ignore``; ``ignore=("V",)`` turns the validation checks off.
    """
    def wanted(code: str) -> bool:
        chosen = not select or any(code.startswith(p) for p in select)
        return chosen and not any(code.startswith(p) for p in ignore)

    return [rule for rule in rules if wanted(rule.code)]


def find_rule(code: str, rules: Iterable[Rule]) -> Rule | None:
    """The rule with this code or name (case-insensitive)."""
    key = code.strip().lower()
    return next((r for r in rules if key in (r.code.lower(), r.name)), None)
