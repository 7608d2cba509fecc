"""Mojibake ftfy knows (T102): ftfy as a library, configured to be safe for publication.

ftfy runs only where it can matter. Its fixer acts only on text its badness heuristic
flags, and that heuristic only ever fires on characters of its mojibake categories; a
regex over exactly those characters (built from ftfy's own tables) decides which lines
are handed to ``ftfy.fix_and_explain`` at all. Arabic and ASCII text never reach it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftfy import TextFixerConfig, fix_and_explain
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad

from cleanup.rules.base import Context, unusual_chars
from cleanup.rules.repair.common import RepairRule
from cleanup.rules.repair.edits import Edit
from cleanup.rules.repair.entities import DecodedLine, has_entity
from cleanup.segment import lines

FTFY_CONFIG = TextFixerConfig(
    unescape_html=False,  # T103 decodes entities (ftfy's own decoder), one finding each
    remove_terminal_escapes=False,  # T104
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,  # would put U+FFFD into published text
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,  # T105, which also knows windows-1256 next to Arabic
    fix_latin_ligatures=False,  # not mojibake; "ﬁ" in a quote is the writer's
    fix_character_width=False,  # would rewrite full-width forms of CJK typography
    uncurl_quotes=False,  # curly quotes are correct typography, never damage
    fix_line_breaks=False,  # T104
    fix_surrogates=True,
    remove_control_chars=False,  # T104 and T107
    normalization=None,  # NFC would recompose only the lines ftfy touched
    explain=True,
)
"""What ftfy may do here: decode mojibake (and UTF-16 surrogates), nothing else."""

_NOT_TRIGGERS = ("common", "start_punctuation", "end_punctuation")
_SURROGATES = chr(0xD800) + "-" + chr(0xDFFF)
"""The range of UTF-16 surrogates, for a character class (written with chr(): the
compiled build takes no surrogate in a string literal)."""


def _trigger_class() -> str:
    """Characters without which ftfy's badness regex cannot match.

    Every alternative of ``BADNESS_RE`` needs one character of its categories other than
    "common" and the quotation marks (which Arabic text uses all the time), or one of a
    few literal letters such as Â or Ã; all of those are in this class.
    """
    quiet = set("".join(MOJIBAKE_CATEGORIES[name] for name in _NOT_TRIGGERS))
    ranges = "".join(chars for name, chars in MOJIBAKE_CATEGORIES.items()
                     if name not in _NOT_TRIGGERS)
    literals = {c for c in BADNESS_RE.pattern if ord(c) > 0x7F} - quiet
    body = ranges + "".join(sorted(literals)).replace("-", "")
    return f"[{body}{_SURROGATES}]"


MAY_BE_BAD = re.compile(_trigger_class())
"""Matches every text that ftfy (with FTFY_CONFIG) could change (tests check it)."""

_SURROGATE = re.compile(f"[{_SURROGATES}]")
_ONLY_C1 = (("encode", "latin-1"), ("decode", "windows-1252"))


def _explain(plan: list[tuple[str, ...]]) -> str:
    """ftfy's explanation as text: "ftfy: encode latin-1, decode utf-8"."""
    return "ftfy: " + ", ".join(" ".join(step) for step in plan)


class FtfyMojibakeRule(RepairRule):
    """Repair mojibake with ftfy, publication-safe, reporting ftfy's explanation."""

    code = "T102"
    trigger = re.compile(f"{MAY_BE_BAD.pattern}|&")
    name = "ftfy-mojibake"
    summary = "Repair mojibake with ftfy (\"CafÃ©\" → \"Café\"), quotes and the rest untouched."
    what = ("Runs ftfy.fix_and_explain on each line that ftfy's badness heuristic flags "
            "(after decoding HTML entities, so entity-escaped mojibake is found too), with "
            "only the encoding repair on: UTF-8 read as latin-1, windows-1252, -1251, -1250, "
            "-1253, -1254, -1257, ISO-8859-2, MacRoman or cp437, mixed encodings on one "
            "line, and UTF-16 surrogates. Turned off, because they change correct text or "
            "belong to other rules: uncurl_quotes (curly quotes are correct typography), "
            "fix_latin_ligatures and fix_character_width (not mojibake; they would rewrite "
            "a writer's ligatures and full-width CJK forms), normalization (NFC would "
            "recompose only the lines ftfy touched; NFKC would flatten presentation forms, "
            "superscripts and more), replace_lossy_sequences (puts U+FFFD into published "
            "text), unescape_html (T103), fix_c1_controls (T105), remove_control_chars, "
            "remove_terminal_escapes and fix_line_breaks (T104). Arabic mojibake left "
            "under the repaired layer is repaired in the same finding (T101). The finding "
            "message carries ftfy's own explanation.")
    why = ("Mojibake makes text unreadable, and ftfy repairs it without false positives; "
           "its defaults, though, also straighten curly quotes and apply other cosmetic "
           "changes that damage publication text.")
    example = "Le CafÃ© de Flore  →  Le Café de Flore"
    severity = "warning"
    settles = True

    def watches(self, line: str, text: str, ctx: Context) -> bool:
        """Lines ftfy may act on: its decisions depend on the whole line."""
        return (MAY_BE_BAD.search(unusual_chars(text, ctx)) is not None  # none is plain
                and MAY_BE_BAD.search(line) is not None)

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per stretch of a line that ftfy repairs."""
        if not MAY_BE_BAD.search(text) and not has_entity(text):
            return
        for line in lines(text):
            view = DecodedLine(line.text)
            plain = view.text
            if not MAY_BE_BAD.search(plain) or not (is_bad(plain) or _SURROGATE.search(plain)):
                continue
            fixed, steps = fix_and_explain(plain, FTFY_CONFIG)
            plan = [tuple(step) for step in steps or []]
            if fixed != plain and not set(plan) <= set(_ONLY_C1):
                yield from view.edits(line.start, fixed, _explain(plan))
