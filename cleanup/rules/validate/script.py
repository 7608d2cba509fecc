"""Language check: a headline or summary in another script or language than the body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from cleanup.lang import detect_lang
from cleanup.rules.base import Context, FieldText, Proposal, Rule, unusual_chars
from cleanup.rules.validate.analysis import view
from cleanup.rules.validate.settings import number, severity
from cleanup.rules.validate.words import Words

# Letters of Persian and Urdu that Arabic does not use: without them the text is Arabic.
_NOT_ARABIC_LETTERS: Final = frozenset("پچژگٹڈڑںےۓھ")
_NOT_ARABIC: Final = re.compile(f"[{''.join(sorted(_NOT_ARABIC_LETTERS))}]")
_SAMPLE: Final = 2000
_NAMES: Final = {"ar": "Arabic", "fa": "Persian", "ur": "Urdu"}
# The script of the article's language (detected over all fields, mostly the body).
_LANG_SCRIPT: Final = {"ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "en": "Latin"}


def _script(words: Words, share: float) -> str | None:
    """"Arabic" or "Latin" when that script writes ``share`` of the words, else None.

    Words are folded tokens (for the body: its distinct words): ASCII ones are Latin
    (numbers left out), others Arabic.
    """
    for word in words:  # a word is ASCII only if its first letter is: most often none is
        if ord(word[0]) < 128:
            break
    else:  # (compiled, a code point read directly; str.isascii is a call by name)
        return "Arabic" if len(words) >= 2 else None
    ascii_words = sum(map(str.isascii, words))
    numbers = sum(map(str.isdigit, words))
    ascii_words -= numbers
    other = len(words) - numbers - ascii_words
    counted = ascii_words + other
    if counted < 2:
        return None
    if other >= share * counted:
        return "Arabic"
    return "Latin" if ascii_words >= share * counted else None


def _language(text: str, unusual: str | None = None) -> str:
    """"ar", "fa" or "ur" for Arabic-script text; ``unusual`` is the text's characters
    outside the plain set (:func:`unusual_chars`), among which Persian and Urdu letters
    are, when known."""
    if unusual is None:
        other = _NOT_ARABIC.search(text) is not None
    else:  # a set test, not a regex call (each allocates its matching state)
        other = not _NOT_ARABIC_LETTERS.isdisjoint(unusual)
    return (detect_lang(text) or "ar") if other else "ar"


class LanguageMismatchRule(Rule):
    """V110: a headline or summary whose script or language differs from the body's."""

    code = "V110"
    name = "language-mismatch"
    family = "validation"
    summary = "Flag a headline or summary in another script or language than the body."
    what = ("Compares the script of the headline and of the summary (Arabic or Latin: the "
            "script of at least `script_share` of the words, default 0.8) with the body's, "
            "taken from the article's language when the body is most of the article; "
            "Arabic-script fields of at least `language_min_letters` characters (default 60) "
            "are also compared by language (Arabic, Persian, Urdu).")
    why = ("An English headline on an Arabic story, or a Persian summary on an Arabic body, "
           "comes from another edition of the page or from another article.")
    example = "headline: China and North Korea pledge … / body: تعهدت الصين … → flagged"
    action = "flag"
    stage = "validate"
    fields = ("headline", "summary")

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        words = v.headline_words if text.name == "headline" else v.summary_words
        if not words or not v.paragraph_words or text.text != getattr(v, text.name):
            return ()
        share = number(ctx, "script_share", 0.8)
        script = _script(words, share)
        # The article's language was detected mostly on the body when the body is most
        # of the text; otherwise (or without a language) look at the body's own words.
        mostly_body = len(v.body) >= len(v.headline) + len(v.summary)
        body = _LANG_SCRIPT.get(ctx.lang or "") if mostly_body else None
        if body is None:
            found = v.memo.get("script")
            if not isinstance(found, str):
                found = v.memo["script"] = _script(tuple(v.body_words), share) or ""
            body = found
        if not script or not body:
            return ()
        message = ""
        if script != body:
            message = f"the {text.name} is in {script} script but the body is in {body} script"
        elif script == "Arabic" and len(text.text) >= number(ctx, "language_min_letters", 60):
            lang = _language(text.text, unusual_chars(text.text, ctx))
            # The article's language (mostly the body's) says whether to look closer.
            if lang != (ctx.lang or "ar"):
                body_lang = v.memo.get("language")
                if not isinstance(body_lang, str):
                    body_lang = v.memo["language"] = _language(v.body[:_SAMPLE])
                if lang != body_lang:
                    message = (f"the {text.name} reads as {_NAMES.get(lang, lang)} but the "
                               f"body as {_NAMES.get(body_lang, body_lang)}")
        if not message:
            return ()
        return (Proposal(text.name, 0, len(text.text), "flag", message,
                         severity=severity(ctx, self.code, self.name, self.severity)),)
