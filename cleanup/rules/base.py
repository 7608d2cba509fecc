"""What a rule is: a code, a name, its documentation, and proposals of edits or flags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from cleanup.model import FIELDS, Action, Article, Severity
from cleanup.segment import Span, lines

if TYPE_CHECKING:
    from cleanup.packs import ActivePacks

Stage = Literal["repair", "remove", "validate"]
"""Rules run in stages: repairs first, removals on the repaired text, validation last."""


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
