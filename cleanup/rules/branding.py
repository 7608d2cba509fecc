"""Branding family (B): the site's own name where it is not article text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleanup.fold import Folded
from cleanup.phrases import PhraseIndex
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.line_rule import Verdict, WholeLineRule
from cleanup.rules.scan import LineScan, Tokenised, brand_index, covered, line_scans

_FILLERS = frozenset({"و", "and", "من", "عن", "by", "via", "with", "مع"})
# " | Brand", " - Brand", " — Brand", " :: Brand" at the end of a headline.
_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|«|»|•)\s+([^|]{1,60})$")


def _credit_index(ctx: Context) -> PhraseIndex[str]:
    key = ("credits",)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = ctx.packs.credit_index(ctx.article.url)
    assert isinstance(found, PhraseIndex)
    return found


class BrandOnlyLineRule(WholeLineRule):
    """B101: a line that is only the site's name or agency credits."""

    code = "B101"
    name = "brand-only-line"
    family = "branding"
    summary = "Remove a line made only of the site's brand names and news-agency credits."
    what = ("Removes a short line whose words are all brand names of the site (from its pack "
            "or its URL) or agency names ('فرانس24/ أ ف ب', 'خبرين', 'Reuters').")
    why = "Brand and credit lines are the page's signature, not a sentence of the article."
    example = "فرانس24/ أ ف ب\n→ (line removed)"

    def judge(self, ls: LineScan, ctx: Context) -> Verdict | None:
        words = ls.tokens.words
        if not words or len(words) > 10 or ls.words > 8:
            return None
        if covered(words, _credit_index(ctx), _FILLERS) > 0:
            return "line made only of the site's brand or agency credits", None
        return None


_SUFFIX_FILLERS = _FILLERS | {"arabic", "عربي", "news", "online", "نت"}


def _is_brand(words: tuple[str, ...], brands: PhraseIndex[str]) -> bool:
    """The words name the site: phrase by phrase, or run together ("Boston Herald" is the
    site of bostonherald.com)."""
    if covered(words, brands, _SUFFIX_FILLERS) > 0:
        return True
    compact = "".join(w for w in words if w not in _SUFFIX_FILLERS)
    return any("".join(name) == compact for name, _ in brands.items())


class HeadlineSuffixRule(Rule):
    """B105: the site's name appended to the headline."""

    code = "B105"
    name = "headline-brand-suffix"
    family = "branding"
    summary = "Remove the site's name appended to a headline ('… | خبرين', '… - CNN Arabic')."
    what = ("Removes a ' | Brand' or ' - Brand' ending of the headline when Brand is one of "
            "the site's names (pack or URL); an unknown short ending after ' | ' is flagged.")
    why = "Page titles carry the site's name; the article's headline does not."
    example = "تحالف الصين وكوريا الشمالية | خبرين\n→ تحالف الصين وكوريا الشمالية"
    fields = ("headline",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        match = _SUFFIX.search(text.text)
        if match is None:
            return
        suffix = match.group(1).strip()
        words = Tokenised(Folded.of(suffix)).words
        brands = brand_index(ctx)
        if words and _is_brand(words, brands):
            yield Proposal(text.name, match.start(), len(text.text), "remove",
                           f"site name {suffix!r} appended to the headline")
        elif "|" in match.group(0) and len(words) <= 4:
            yield Proposal(text.name, match.start(), len(text.text), "flag",
                           f"headline ends with {suffix!r} after '|': a site name? "
                           f"(not removed: unknown brand)", severity="info")


class BrandInProseRule(Rule):
    """B106: the site's name inside a kept sentence, for an editor to look at."""

    code = "B106"
    name = "brand-in-prose"
    family = "branding"
    summary = "Flag the site's own name inside article text (not removed)."
    what = ("Reports where the site's brand names appear in a kept sentence, once per field; "
            "datelines in brackets such as '(CNN)--' are not reported.")
    why = ("Self-references ('told CNN', 'على خبرين') may need rewording when the article is "
           "republished, but they are real prose: flagged, never removed.")
    example = "وقال لشبكة CNN إن ... → (flagged, unchanged)"
    action = "flag"
    severity = "info"
    stage = "validate"

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        brands = brand_index(ctx)
        if not brands:
            return
        for line, scanned in line_scans(text, ctx):  # most often kept from the removals
            toks = scanned.tokens
            for hit in brands.find(toks.words):
                start, _ = toks.folded.to_original(*toks.offsets[hit.start])
                _, end = toks.folded.to_original(*toks.offsets[hit.end - 1])
                before = line.text[:start].rstrip()
                if before.endswith("(") and line.text[end:].lstrip().startswith(")"):
                    continue
                yield Proposal(text.name, line.start + start, line.start + end, "flag",
                               f"the site's own name {line.text[start:end]!r} in article text")
                return
