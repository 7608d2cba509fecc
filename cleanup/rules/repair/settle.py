"""Settle edits: grow each into the whole change its neighbourhood needs, in one pass.

The engine runs the repair rules once, each on the same text, and keeps the earlier of
two overlapping proposals. Some changes give other repairs new work: removing a
zero-width space between two spaces leaves a double space, decoding ``&nbsp;`` next to a
space does too, a removed bidi mark can leave a comma glued to the next word, and two
removals can do together what neither does alone. So that one pass is enough (cleaning
is idempotent), a rule whose edits can cause such follow-ups settles them, line by line:

1. every repair rule's edits on the line are grouped into clusters of edits that touch
   (at most one character apart);
2. a cluster with an edit of a settling rule (any cluster, on a line a rule watches:
   ftfy's decisions on a line can change with a change anywhere on it) is applied, every
   repair rule looks at the resulting line, and the edits that are new there (caused by
   the change) join it, until there are none;
3. clusters whose changes touch are merged, and if the changes of all clusters together
   cause a new edit, all are merged; then they grow again.

The outcome is a function of the line alone, so every rule with an edit in a cluster
proposes the same change, and the engine keeps the one of the earliest rule. Settling
rules run before the others (see the package's rule order), so a settled change wins
over the plain edits it took in. Its message names the other rules it includes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from cleanup.rules.base import Context
from cleanup.rules.repair.edits import Edit, apply, select

if TYPE_CHECKING:
    from cleanup.rules.repair.common import RepairRule

_ROUNDS = 4
_REACH = 1
"""Edits this close (characters in between) belong to one cluster."""


class _Found(NamedTuple):
    """An edit and the code of the rule that found it."""

    code: str
    edit: Edit


class _Change(NamedTuple):
    """A settled cluster: ``line[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    codes: frozenset[str]
    members: tuple[_Found, ...]


def settle_all(text: str, edits: Sequence[Edit], ctx: Context, code: str,
               always: bool) -> list[Edit]:
    """Each of a rule's edits grown into the settled change of its cluster.

    A rule that settles (``always``) has all its edits settled; other rules only on the
    lines that a rule watches (mojibake-like text, where any change may matter). Edits
    that land in one cluster give that change once.
    """
    # Deferred: the rule modules import this one, and the package imports them all.
    from cleanup.rules.repair import REPAIR_RULES
    from cleanup.rules.repair.common import RepairRule

    rules = [r for r in REPAIR_RULES if isinstance(r, RepairRule)]
    settled: list[Edit] = []
    changes: list[_Change] = []
    line_start, line_end = 0, -1  # the line of the previous edit (none yet)
    for edit in edits:
        if not line_start <= edit.start <= line_end:
            line_start = text.rfind("\n", 0, edit.start) + 1
            stop = text.find("\n", edit.start)
            line_end = stop if stop >= 0 else len(text)
            line = text[line_start:line_end + 1]  # with its \n
            watched = any(r.watches(line, text, ctx) for r in rules)
            changes = _settled_line(line, rules, ctx, watched) if always or watched else []
        start, end = edit.start - line_start, edit.end - line_start
        change = next((c for c in changes if c.start <= start and end <= c.end), None)
        if change is None:
            grown = edit
        else:
            others = ", ".join(sorted(change.codes - {code}))
            grown = Edit(line_start + change.start, line_start + change.end,
                         change.replacement,
                         edit.message + (f" (together with {others})" if others else ""))
        if not settled or grown.key != settled[-1].key:
            settled.append(grown)
    return settled


def _settled_line(line: str, rules: Sequence[RepairRule], ctx: Context,
                  watched: bool) -> list[_Change]:
    """The settled changes of the clusters of ``line``.

    Only clusters with an edit of a settling rule grow, or all on a ``watched`` line. (An
    edit that lost to an overlapping edit of an earlier rule is in that one's cluster.)
    """
    found = _found(line, rules, ctx)
    settling = {r.code for r in rules if r.settles}
    clusters = _group(found, lambda f: (f.edit.start, f.edit.end))
    while True:
        changes = [_grow(line, c, found, rules, ctx,
                         watched or any(f.code in settling for f in c)) for c in clusters]
        merged = [[f for change in group for f in change.members]
                  for group in _group(changes, lambda c: (c.start, c.end))]
        if len(merged) == len(clusters) and len(merged) > 1 and _cause_more(
                line, changes, found, rules, ctx):
            merged = [[f for cluster in clusters for f in cluster]]
        if len(merged) == len(clusters):
            return changes
        clusters = [sorted(cluster, key=lambda f: f.edit.start) for cluster in merged]


def _cause_more(line: str, changes: Sequence[_Change], found: Sequence[_Found],
                rules: Sequence[RepairRule], ctx: Context) -> bool:
    """True when the changes together cause an edit that none causes alone.

    (Two removed marks around "؟!" leave it glued to the next word, though neither does
    alone; ftfy may decode a word only once a mark further back is gone.)
    """
    edits = sorted(Edit(c.start, c.end, c.replacement, "") for c in changes)
    old = _moved(found, edits)
    return any(f.edit.key not in old for f in _found(apply(line, edits), rules, ctx))


def _grow(line: str, cluster: Sequence[_Found], found: Sequence[_Found],
          rules: Sequence[RepairRule], ctx: Context, grows: bool) -> _Change:
    """Apply ``cluster``; if it ``grows``, take in the edits its change causes, until none."""
    start = min(f.edit.start for f in cluster)
    end = max(f.edit.end for f in cluster)
    replacement = _applied(line, start, end, [f.edit for f in cluster])
    codes = {f.code for f in cluster}
    for _ in range(_ROUNDS if grows else 0):
        changed = line[:start] + replacement + line[end:]
        old = _moved(found, [Edit(start, end, replacement, "")])
        follow = [f for f in _found(changed, rules, ctx) if f.edit.key not in old]
        if not follow:
            break
        low, high = start, start + len(replacement)
        new_low = min(low, *(f.edit.start for f in follow))
        new_high = max(high, *(f.edit.end for f in follow))
        replacement = _applied(changed, new_low, new_high, [f.edit for f in follow])
        start, end = start - (low - new_low), end + (new_high - high)
        codes.update(f.code for f in follow)
    return _Change(start, end, replacement, frozenset(codes), tuple(cluster))


def _moved(found: Sequence[_Found], edits: Sequence[Edit]) -> set[tuple[int, int, str]]:
    """The edits of ``found`` that ``edits`` (sorted) leave alone, where they are after."""
    kept = set()
    for f in found:
        if not any(e.start < f.edit.end and f.edit.start < e.end for e in edits):
            shift = sum(len(e.replacement) - (e.end - e.start)
                        for e in edits if e.end <= f.edit.start)
            kept.add((f.edit.start + shift, f.edit.end + shift, f.edit.replacement))
    return kept


_Item = TypeVar("_Item")


def _group(items: Sequence[_Item], span: Callable[[_Item], tuple[int, int]]
           ) -> list[list[_Item]]:
    """``items`` in line order, grouped into runs whose spans touch."""
    groups: list[list[_Item]] = []
    end = 0
    for item in sorted(items, key=lambda i: span(i)[0]):
        start, stop = span(item)
        if groups and start <= end + _REACH:
            groups[-1].append(item)
            end = max(end, stop)
        else:
            groups.append([item])
            end = stop
    return groups


def _applied(line: str, start: int, end: int, edits: list[Edit]) -> str:
    """``line[start:end]`` with ``edits`` (all inside it) applied."""
    moved = [e._replace(start=e.start - start, end=e.end - start) for e in edits]
    return apply(line[start:end], moved)


def _found(line: str, rules: Sequence[RepairRule], ctx: Context) -> list[_Found]:
    """Every rule's raw edits on ``line``, reduced like the engine does (first rule wins)."""
    tagged = [_Found(rule.code, e) for rule in rules for e in rule.find(line, ctx)]
    kept = select(f.edit for f in tagged)
    codes = {f.edit.key: f.code for f in reversed(tagged)}
    return [_Found(codes[e.key], e) for e in kept]
