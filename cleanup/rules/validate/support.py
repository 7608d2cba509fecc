"""Support checks: does the body (and summary) back what the headline and summary say?

A field's content terms (folded, lightly stemmed, function words left out) are looked up
in the text that should back them. The support score is the weighted share of terms
found; very common news stems (COMMON_STEMS) weigh COMMON_WEIGHT, others 1.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.model import Severity
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import view
from cleanup.rules.validate.settings import choice, number, severity
from cleanup.rules.validate.terms import COMMON_WEIGHT, support, supported


def _lowest_support(terms: float, absent: int) -> float:
    """The lowest weighted support a sentence of ``terms`` terms can have when ``absent``
    of them are missing: found terms all common (COMMON_WEIGHT), missing ones not."""
    found = terms - absent
    if found <= 0:
        return 0.0
    return COMMON_WEIGHT * found / (COMMON_WEIGHT * found + absent)


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"«{w}»" for w in words)


def floor2(score: float) -> str:
    """A score with two decimals, rounded down (0.299 is "0.29", never "0.30" < 0.3)."""
    return f"{int(score * 100) / 100:.2f}"


class HeadlineSupportRule(Rule):
    """V104: headline terms that neither the summary nor the body states."""

    code = "V104"
    name = "headline-unsupported"
    family = "validation"
    summary = "Flag a headline whose words the summary and body do not back."
    what = ("Looks up the headline's content terms (folded, light Arabic and English "
            "stemming, function words ignored) at the start of the summary's and body's "
            "words, allowing a proclitic letter, the other verb tense or a verbal noun "
            "('تعلن' for 'أعلنت', 'افتتاح' for 'افتتحت'). When the weighted "
            "share found is below `headline_support_threshold` (default 0.31) the headline "
            "as a whole is unsupported: a warning. It is an error when the share is also "
            "below `headline_support_error` (default 0.1) and the body has fewer than "
            "`headline_error_body_words` words (default 40): a stub that cannot back the "
            "headline (a long body that shares no headline word is far more often under a "
            "column title, a metaphor or synonyms). In a supported headline, a single "
            "missing term is named at info level when it is the headline's first content "
            "word, usually its subject (`headline_missing`: \"first\", default; \"any\" "
            "names it wherever it stands; \"off\").")
    why = ("A headline swapped in from another story shares almost nothing with the body; "
           "a headline that adds one claim ('alliance' where the body reports a pledge to "
           "cooperate) overstates the story.")
    example = ("تحالف الصين وكوريا الشمالية … / body: تعهدت الصين وكوريا الشمالية بالعمل معا\n"
               "→ headline term not found in the summary or body: «تحالف» (info)")
    action = "flag"
    stage = "validate"
    fields = ("headline",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        if not v.paragraph_words or text.text != v.headline or not v.headline_terms:
            return ()
        threshold = number(ctx, "headline_support_threshold", 0.31)
        error_below = number(ctx, "headline_support_error", 0.1)
        error_words = number(ctx, "headline_error_body_words", 40)
        which = choice(ctx, "headline_missing", ("first", "any", "off"))
        if which != "any" and v.headline_backed(threshold, which == "first"):
            return ()  # supported, and no first term to name: settled without every lookup
        score, missing = v.headline_support()
        start = len(text.text) - len(text.text.lstrip())
        span = (start, len(text.text.rstrip()))
        if score < threshold:
            stub = score < error_below and v.body_length < error_words
            level: Severity = "error" if stub else "warning"
            return (Proposal(
                text.name, *span, "flag",
                f"the headline is not supported by the summary or body: weighted support "
                f"{floor2(score)} < {threshold:g}; not found: "
                f"{_quoted(map(v.headline_word, missing))}"
                + (f"; the body has only {v.body_length} words" if stub else ""),
                severity=severity(ctx, self.code, self.name, level)),)
        if len(missing) != 1 or which == "off" or (
                which == "first" and missing[0] != v.headline_terms[0]):
            return ()
        word = v.headline_word(missing[0])
        lead = "the headline's first word, " if missing[0] == v.headline_terms[0] else ""
        return (Proposal(
            text.name, *span, "flag",
            f"headline term not found in the summary or body: «{word}» ({lead}the only one "
            f"of {len(v.headline_terms)}; weighted support {floor2(score)})",
            severity=severity(ctx, self.code, self.name, "info")),)


class SummarySupportRule(Rule):
    """V105: summary sentences that the body does not back."""

    code = "V105"
    name = "summary-unsupported"
    family = "validation"
    summary = "Flag summary sentences whose words the body does not back."
    what = ("Scores each summary sentence of at least `summary_min_terms` content terms "
            "(default 4) by the weighted share of its terms that start a body word (after "
            "its proclitics); a sentence below `summary_support_threshold` (default 0.25) "
            "is flagged with its score. A summary with too few words missing from the body "
            "to leave any sentence below the threshold is not scored.")
    why = ("A summary that claims what the body never says misleads the reader; it is "
           "often a teaser written for another version of the story.")
    example = "summary: وقع البلدان اتفاقية دفاع مشترك. / body: no such agreement → flagged"
    action = "flag"
    stage = "validate"
    fields = ("summary",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        if not v.paragraph_words or text.text != v.summary:
            return ()
        threshold = number(ctx, "summary_support_threshold", 0.25)
        min_terms = number(ctx, "summary_min_terms", 4)
        if _lowest_support(min_terms, len(v.summary_lacking)) >= threshold:
            return ()  # too few summary words missing from the body to leave a sentence bare
        out: list[Proposal] = []
        for sentence in v.summary_sentences:
            terms = sentence.terms
            if len(terms) < min_terms or supported(terms, v.body_key, threshold):
                continue  # too short to judge, or supported: settled without every lookup
            score, missing = support(sorted(terms), (v.body_key,))
            if score < threshold:
                found = len(terms) - len(missing)
                out.append(Proposal(
                    text.name, sentence.start, sentence.end, "flag",
                    f"summary sentence not supported by the body: {found} of "
                    f"{len(terms)} content terms found (weighted support "
                    f"{floor2(score)} < {threshold:g})",
                    severity=severity(ctx, self.code, self.name, self.severity)))
        return out
