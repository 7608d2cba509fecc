"""H101: documentation of the HTML container rule (the HTML front end applies it)."""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.rules.base import Context, FieldText, Proposal, Rule


class ContainerRule(Rule):
    """H101: an HTML container that a pack's ``[[selector]]`` entry names."""

    code = "H101"
    name = "html-container"
    family = "html"
    summary = "Remove related, share, newsletter, ad and navigation containers from HTML."
    what = ("In HTML input, removes elements matching a pack's [[selector]] CSS selectors "
            "(aside.related, .share, .newsletter, nav; header and footer outside the "
            "article) with everything inside them, before the text rules run.")
    why = ("Extractors drop such containers only when they are <aside>; written as plain "
           "<div>s they reach the text. Their markup says what they are, so they go whole.")
    example = ('<aside class="related"><h3>أخبار ذات صلة</h3>…</aside>\n'
               "→ (element removed)")
    fields = ()

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        """Nothing on text: the rule acts on HTML only (see :mod:`cleanup.html`)."""
        return ()
