"""What a rule is: a code, a name, its documentation, and proposals of edits or flags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from mypy_extensions import mypyc_attr

from cleanup.model import FIELDS, Action, Article, Severity
from cleanup.packs import ActivePacks
from cleanup.segment import Span, lines

Stage = Literal["repair", "remove", "validate"]
"""Rules run in stages: repairs first, removals on the repaired text, validation last."""


# Plain text: the characters most news text is made of, none of which alone gives the
# rules that declare a ``trigger`` any work (a test checks each such rule on plain text):
# printable ASCII but "&", the basic Arabic letters, digits and diacritics (tashkeel),
# Arabic punctuation, guillemets, curly quotes, dashes and the ellipsis. Deleting runs of
# plain characters is about twice as fast in re as searching for the unusual ones.
_PLAIN_RUN = re.compile(
    "[\n !-%'-~\u0621-\u063a\u0641-\u0652\u0660-\u066a،؛؟«»“”‘’–—…]+"
)
PLAIN_CHARS = ("\n" + "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "&")
               + "".join(map(chr, range(0x0621, 0x063B))) + "".join(map(chr, range(0x0641, 0x0653)))
               + "".join(map(chr, range(0x0660, 0x066B))) + "،؛؟«»“”‘’–—…")
"""The plain characters, spelled out (for tests)."""


@dataclass(frozen=True)
class Proposal:
    """An edit or a flag a rule proposes on the current text of one field.

    ``whole_lines`` marks the removal of complete lines: the engine then also removes the
    line breaks (and blank lines inside a removed block) so no empty gap is left.
    """

    field: str
    start: int
    end: int
    action: Action
    message: str
    replacement: str = ""
    source: str | None = None
    severity: Severity | None = None
    whole_lines: bool = False


@dataclass(frozen=True)
class FieldText:
    """The current text of one field, with its lines."""

    name: str
    text: str
    lines: tuple[Span, ...]

    @classmethod
    def of(cls, name: str, text: str) -> FieldText:
        """Split ``text`` into lines once, for all rules."""
        return cls(name, text, tuple(lines(text)))


@dataclass(frozen=True)
class Context:
    """What rules may look at besides the field: the packs in force and the article."""

    packs: ActivePacks
    article: Article
    lang: str | None
    options: Mapping[str, object] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict, compare=False)
    """Per-article scratch space so rules of one stage share work (such as line scans)."""


def unusual_chars(text: str, ctx: Context) -> str:
    """The characters of ``text`` outside the plain set, each once (one scan per text)."""
    key = ("unusual", text)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = "".join(sorted(set(_PLAIN_RUN.sub("", text))))
    assert isinstance(found, str)
    return found


@mypyc_attr(allow_interpreted_subclasses=True)  # (compiled: rules may be written elsewhere)
class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``propose``."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    summary: ClassVar[str]
    what: ClassVar[str]
    why: ClassVar[str]
    example: ClassVar[str]
    action: ClassVar[Action] = "remove"
    severity: ClassVar[Severity] = "warning"
    stage: ClassVar[Stage] = "remove"
    fields: ClassVar[tuple[str, ...]] = FIELDS
    trigger: ClassVar[re.Pattern[str] | None] = None
    """Characters (none of them plain) without one of which the rule finds nothing: the
    engine skips the rule for a field whose ``unusual_chars`` include none of them."""

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        """Yield the edits and flags this rule proposes for one field."""
        raise NotImplementedError

    def doc(self) -> str:
        """The rule's documentation as Markdown (what it does, why, example)."""
        return (
            f"## {self.code} {self.name}\n\n{self.summary}\n\n"
            f"**What it does.** {self.what}\n\n**Why.** {self.why}\n\n"
            f"**Example.**\n\n```\n{self.example}\n```\n"
        )
