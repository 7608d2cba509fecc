"""Text repair rules (family T): mojibake, Arabic typography, invisible characters.

The order matters: the engine gives overlapping proposals to the earlier rule. Rules
whose change can cause follow-up repairs settle their edits (see :mod:`.settle`) and run
first, so that a grown change wins over the plain edits it took in: decoding (mojibake,
entities), then the characters that are removed or rewritten (controls, presentation
forms, invisible marks), then Persian letters, tatweel and spacing. Settling looks at
all of ``REPAIR_RULES``, whatever a caller selects: a follow-up repair is part of doing
the change that caused it cleanly (a removed mark does not leave a double space).
"""

from __future__ import annotations

from cleanup.rules.base import Rule
from cleanup.rules.repair.controls import C1ControlRule, ControlCharRule
from cleanup.rules.repair.entities import HtmlEntityRule
from cleanup.rules.repair.ftfy_fix import FtfyMojibakeRule
from cleanup.rules.repair.invisible import BidiControlRule, ZeroWidthRule
from cleanup.rules.repair.mojibake import ArabicMojibakeRule
from cleanup.rules.repair.persian import PersianDigitRule, PersianLetterRule
from cleanup.rules.repair.presentation import PresentationFormRule
from cleanup.rules.repair.spacing import PunctuationSpacingRule, SpaceRule
from cleanup.rules.repair.tatweel import TatweelRule

REPAIR_RULES: list[Rule] = [
    ArabicMojibakeRule(),
    FtfyMojibakeRule(),
    HtmlEntityRule(),
    ControlCharRule(),
    C1ControlRule(),
    PresentationFormRule(),
    ZeroWidthRule(),
    BidiControlRule(),
    PersianLetterRule(),
    PersianDigitRule(),
    TatweelRule(),
    PunctuationSpacingRule(),
    SpaceRule(),
]
"""Repair rules in the order they run (codes T101-T113 follow it)."""
