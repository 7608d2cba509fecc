"""The engine: run rules stage by stage, apply non-overlapping edits, record findings.

Every applied edit becomes a Finding whose offsets point into the ORIGINAL field text,
however many stages changed the text before. Removals that would empty a field or take
more than a set share of the body are not applied: the field stays as it was and one
error-level finding (E001) lists what would have gone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cleanup.model import FIELDS, Article, Finding
from cleanup.rules.base import Context, FieldText, Proposal, Rule, Stage, unusual_chars
from cleanup.rules.guard import GUARD_CODE, GUARD_NAME
from cleanup.segment import Span

STAGES: tuple[Stage, ...] = ("repair", "remove", "validate")



@dataclass(frozen=True)
class _Applied:
    """One applied change: ``old[o_start:o_end]`` became ``new[n_start:n_end]``."""

    o_start: int
    o_end: int
    n_start: int
    n_end: int


class OffsetMap:
    """Maps positions in the current text of a field back to its original text."""

    def __init__(self) -> None:
        self._stages: list[list[_Applied]] = []

    def push(self, applied: list[_Applied]) -> None:
        """Record the changes one stage made (sorted by position)."""
        if applied:
            self._stages.append(applied)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the current span [start, end)."""
        for applied in reversed(self._stages):
            start = _map(start, applied, "start")
            end = max(start, _map(end, applied, "end"))
        return start, end


def _map(pos: int, applied: list[_Applied], side: str) -> int:
    keys = [a.n_start for a in applied]
    i = (bisect_right(keys, pos) if side == "start" else bisect_left(keys, pos)) - 1
    if i < 0:
        return pos
    a = applied[i]
    if pos < a.n_end:
        return a.o_start if side == "start" else a.o_end
    return pos - a.n_end + a.o_end


@dataclass(frozen=True)
class Plan:
    """Rules arranged once for many articles: per stage, the rules of each field in order."""

    stages: tuple[tuple[Stage, dict[str, tuple[Rule, ...]]], ...]
    triggered: frozenset[tuple[Stage, str]] = frozenset()
    """The (stage, field) pairs where some rule declares trigger characters."""

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> Plan:
        """Arrange ``rules`` (stages without a rule are left out)."""
        stages = []
        triggered: set[tuple[Stage, str]] = set()
        for stage in STAGES:
            mine = [rule for rule in rules if rule.stage == stage]
            if mine:
                by_field = {name: tuple(r for r in mine if name in r.fields)
                            for name in FIELDS}
                stages.append((stage, by_field))
                triggered.update((stage, name) for name, rs in by_field.items()
                                 if any(r.trigger is not None for r in rs))
        return cls(tuple(stages), frozenset(triggered))


@dataclass(frozen=True)
class EngineOptions:
    """Engine settings: whether the over-cleaning guard is on, and its share of the body."""

    guard_share: float = 0.5
    guard: bool = True


def run(
    article: Article,
    rules: Sequence[Rule] | Plan,
    make_context: Callable[[Article], Context],
    options: EngineOptions = EngineOptions(),
) -> tuple[Article, list[Finding]]:
    """Clean ``article`` with ``rules`` (or their :class:`Plan`, to arrange them once);
    return the cleaned article and all findings."""
    plan = rules if isinstance(rules, Plan) else Plan.of(rules)
    originals = {name: getattr(article, name) for name in FIELDS}
    texts = dict(originals)
    maps = {name: OffsetMap() for name in FIELDS}
    fields = {name: FieldText.of(name, texts[name]) for name in FIELDS}
    findings: list[Finding] = []
    current = article
    for stage, field_rules in plan.stages:
        ctx = make_context(current)
        for name in FIELDS:
            field = fields[name]
            if field.text is not texts[name]:  # changed by the stage before: split again
                field = fields[name] = FieldText.of(name, texts[name])
            in_force: Sequence[Rule] = field_rules[name]
            if (stage, name) in plan.triggered:
                in_force = _rules_for(in_force, field, ctx)
            proposals = [(rule, p) for rule in in_force for p in rule.propose(field, ctx)]
            edits = _select([(r, p) for r, p in proposals if p.action != "flag"])
            if stage == "remove" and edits and options.guard:
                blocked = _guard(field, edits, options.guard_share)
                if blocked:
                    findings.append(_guard_finding(name, originals[name], maps[name],
                                                   edits, blocked))
                    edits = []
            new_text, applied = (_apply(field, [p for _, p in edits]) if edits
                                 else (field.text, []))
            for rule, p in edits + [(r, p) for r, p in proposals if p.action == "flag"]:
                findings.append(_finding(rule, p, originals[name], maps[name]))
            maps[name].push(applied)
            texts[name] = new_text
        if any(texts[name] is not getattr(current, name) for name in FIELDS):
            current = current.with_fields(**texts)
    return current, findings


def _rules_for(rules: Sequence[Rule], field: FieldText,
               ctx: Context) -> Sequence[Rule]:
    """The rules of ``field`` that may find something in it: those whose trigger
    characters, if they declare any, occur in it."""
    unusual = unusual_chars(field.text, ctx)
    return [rule for rule in rules if rule.trigger is None or rule.trigger.search(unusual)]


def _select(proposals: list[tuple[Rule, Proposal]]) -> list[tuple[Rule, Proposal]]:
    """Keep proposals that do not overlap one already kept; earlier rules win."""
    kept: list[tuple[Rule, Proposal]] = []
    taken: list[tuple[int, int]] = []
    for rule, p in proposals:
        if any(p.start < end and start < p.end for start, end in taken):
            continue
        if p.start == p.end and any(start <= p.start < end for start, end in taken):
            continue
        kept.append((rule, p))
        taken.append((p.start, p.end))
    kept.sort(key=lambda rp: (rp[1].start, rp[1].end))
    return kept


def _guard(field: FieldText, edits: list[tuple[Rule, Proposal]], share: float) -> str:
    """The reason the removals must not be applied, or "" when they may."""
    removals = [p for _, p in edits if p.action == "remove"]
    if not removals or not field.text.strip():
        return ""
    new_text, _ = _apply(field, removals)
    if not new_text.strip():
        return f"the removals would leave the {field.name} empty"
    removed = sum(p.end - p.start for p in removals)
    if field.name == "body" and removed > share * len(field.text):
        return (f"the removals would take {removed} of {len(field.text)} characters "
                f"of the body (more than {share:.0%})")
    return ""


def _guard_finding(name: str, original: str, omap: OffsetMap,
                   edits: list[tuple[Rule, Proposal]], reason: str) -> Finding:
    spans = [omap.span(p.start, p.end) for _, p in edits]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    listed = "; ".join(f"{r.code} {original[s:e]!r}" for (r, _), (s, e) in zip(edits, spans,
                                                                                strict=True))
    return Finding(
        code=GUARD_CODE, name=GUARD_NAME, field=name, action="flag", severity="error",
        start=start, end=end, text=original[start:end],
        message=f"{name} left unchanged: {reason}. Would have removed: {listed}",
    )


def _finding(rule: Rule, p: Proposal, original: str, omap: OffsetMap) -> Finding:
    start, end = omap.span(p.start, p.end)
    return Finding(
        code=rule.code, name=rule.name, field=p.field, action=p.action,
        severity=p.severity or rule.severity, start=start, end=end,
        text=original[start:end], message=p.message,
        replacement=p.replacement if p.action == "replace" else None, source=p.source,
    )


def _apply(field: FieldText, edits: list[Proposal]) -> tuple[str, list[_Applied]]:
    """Apply sorted, non-overlapping edits; whole-line removals take their line breaks."""
    spans = [(p.start, p.end, p.replacement if p.action == "replace" else "")
             for p in edits if not p.whole_lines]
    spans += _line_deletions(field.lines, [p for p in edits if p.whole_lines])
    spans.sort()
    text = field.text
    out: list[str] = []
    applied: list[_Applied] = []
    pos = 0
    shift = 0
    for start, end, replacement in spans:
        out.append(text[pos:start])
        out.append(replacement)
        n_start = start + shift
        applied.append(_Applied(start, end, n_start, n_start + len(replacement)))
        shift += len(replacement) - (end - start)
        pos = end
    out.append(text[pos:])
    return "".join(out), applied


def _line_deletions(lines: Sequence[Span], removals: list[Proposal]) -> list[tuple[int, int, str]]:
    """Character spans to delete so that removed lines leave no gap behind.

    Removed lines separated only by blank lines form one block. A block followed by a
    kept line is deleted with its line break (and the blank lines after it when a blank
    line or the start of the field precedes it); a block at the end is deleted with the
    line breaks before it, so the field ends where its last kept line ends.
    """
    if not removals:
        return []
    removed = [any(p.start <= ln.start and ln.end <= p.end for p in removals) and not ln.blank
               for ln in lines]
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        if not removed[i]:
            i += 1
            continue
        a = b = i
        j = i + 1
        while j < len(lines) and (removed[j] or lines[j].blank):
            if removed[j]:
                b = j
            j += 1
        after = next((k for k in range(b + 1, len(lines)) if not lines[k].blank), None)
        if after is not None:
            blank_before = a == 0 or lines[a - 1].blank
            end = lines[after].start if blank_before else lines[b + 1].start
            spans.append((lines[a].start, end, ""))
        else:
            before = next((k for k in range(a - 1, -1, -1) if not lines[k].blank), None)
            start = lines[before].end if before is not None else lines[a].start
            spans.append((start, lines[b].end, ""))
        i = b + 1
    return spans
