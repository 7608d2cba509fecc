"""The HTML front end against trafilatura: junk left, real lines lost, and speed.

    python bench/bench_html.py seed               # the seed pages: junk each keeps
    python bench/bench_html.py quality [--show]   # labelled English sample, junk/real
    python bench/bench_html.py speed [--limit N]  # fragments/s; pages side by side
    python bench/bench_html.py all

Reads ../shared/corpus/en-newspaper3k-testdata.tar.gz (English news pages, 2014-15) and
../shared/corpus/ar-antcorpus-multisource-3500.jsonl.gz (Arabic article bodies, laid out
as CMS body fragments, one <p> per paragraph). Needs trafilatura (cleanup[extract]).

Quality: for a fixed random sample of 40 English pages, every line trafilatura extracts
was read and the junk lines labelled below (LABELS: newsletter and promo, follow-us,
related and read-more, bylines and contact lines inside the text, share widgets, comment
widgets, credits, other page residue); every other line counts as real. "trafilatura"
is its text as extracted; "trafilatura + cleanup" is that text through ``cleanup.clean``;
"clean_html, trafilatura, cleanup" cleans the page's HTML first (containers by selector,
text rules on the blocks), then extracts, then cleans the text. Junk left counts labelled
lines still there; real lost counts real lines that are gone (a line that only lost a
sentence is counted apart).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import json
import random
import re
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cleanup import Cleaner
from cleanup.html import HtmlCleaner, HtmlError

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
PAGES = CORPUS / "en-newspaper3k-testdata.tar.gz"
ARABIC = CORPUS / "ar-antcorpus-multisource-3500.jsonl.gz"
NOT_ENGLISH = re.compile(
    r"arabic|chinese|thai|japanese|spanish|french|german|korean|hindi|latvian|hebrew|"
    r"meta_refresh|turkish|polish|norwegian|finnish|swahili|vietnamese|macedonian|persian|"
    r"russian|italian|portuguese|indonesian|hungarian|danish|swedish|croatian|ukrainian|"
    r"greek|romanian|slovak|czech|bulgarian|estonian|lithuanian|malay|tamil|urdu|serbian")
SAMPLE_SEED, SAMPLE_SIZE = 2025, 40

# Junk lines of trafilatura's output on the sample, by page: (start of the line, kind).
# Kinds: newsletter (newsletters and self-promotion), follow, related (related blocks and
# read-more links), byline (bylines, datelines, contact and reporting lines inside the
# text), share, comments, credit (image and source credits), other (page residue).
LABELS: dict[str, list[tuple[str, str]]] = {
    "247wallst.com1": [("ALSO READ: 5 Top Tech Stocks", "related")],
    "about.com2": [("Updated August 02, 2014.", "byline"),
                   ("Written or reviewed by a board-certified", "byline")],
    "apartmenttherapy.com1": [("Holiday Gift Guide from Apartment Therapy", "other"),
                              ("Treat yourself after all this shopping!", "newsletter"),
                              ("More posts in this series", "related"),
                              ("Holiday Gift Guides 2014", "related"),
                              ("(Image credits: Henry Chen", "credit")],
    "backstage.com2": [("To find Los Angeles–area stage and film", "newsletter")],
    "bloomberg.com1": [("To contact the reporter on this story", "byline"),
                       ("To contact the editors responsible", "byline"),
                       ("Bloomberg reserves the right to remove comments", "comments"),
                       ("Please enable JavaScript to view the comments", "comments")],
    "businessinsider.com2": [("Wikimedia CommonsFA Insights is a daily newsletter", "newsletter"),
                             ("Comments", "comments")],
    "cleveland.com1": [("-- By Michael Russell Follow @tdmrussell", "byline")],
    "cntraveler.com2": [("An Error occurred while compiling your sass", "other")],
    "coolhunting.com1": [("See more photos in the gallery", "credit")],
    "foxnews.com1": [("Like us on Facebook", "follow"),
                     ("Follow us on Twitter & Instagram", "follow"),
                     ("Follow Lucia I. Suarez on Twitter", "follow"),
                     ("You must login to comment.", "comments")],
    "graziadaily.co.uk1": [("powered by DISQUS Read more", "comments"), ("Disqus", "comments"),
                           ("Disqus allows you to post comments", "comments"),
                           ("Disqus will use your registration data", "comments"),
                           ("Please read the Disqus terms of service", "comments"),
                           ("Loading...", "comments"),
                           ("comments powered by Disqus", "comments")],
    "graziadaily.co.uk2": [("powered by DISQUS Read more", "comments"), ("Disqus", "comments"),
                           ("Disqus allows you to post comments", "comments"),
                           ("Disqus will use your registration data", "comments"),
                           ("Please read the Disqus terms of service", "comments"),
                           ("Loading...", "comments"),
                           ("comments powered by Disqus", "comments")],
    "livescience.com2": [("Credit: By Karl Tate, Infographics Artist", "credit"),
                         ("Follow Stephanie Pappas on Twitter", "follow")],
    "nypost.com2": [("This article originally appeared on Fox News.", "credit")],
    "parsely.com1": [("Parse.ly, December 11, 2014", "byline")],
    "reuters.com3": [("SURABAYA, Indonesia/JAKARTA", "byline"), ("- Tweet", "share"),
                     ("- Link this", "share"), ("- Share this", "share"),
                     ("(Additional reporting by Fergus Jensen", "byline"),
                     ("- Tweet this", "share"), ("- Digg this", "share"),
                     ("- Reprints", "share"), ("Follow Reuters", "follow")],
    "reuters.com4": [("LONDON", "byline"), ("- Tweet", "share"), ("- Link this", "share"),
                     ("- Share this", "share"), ("(Reporting by Andy Bruce", "byline"),
                     ("- Tweet this", "share"), ("- Digg this", "share"),
                     ("- Reprints", "share"), ("Follow Reuters", "follow")],
    "self.com1": [("RELATED:", "related"), ("- The Game-Changing Oil for Dry Hair", "related"),
                  ("- Five Travel-Sized Hair Dryers", "related"),
                  ("- Here’s More Proof That the Wavy Bob", "related"),
                  ("Image Credit: Getty", "credit")],
    "self.com2": [("RELATED:", "related"), ("- Headbands 101: Taylor Swift", "related"),
                  ("- The Game-Changing Oil for Dry Hair", "related"),
                  ("- 30-Second Hair Hacks That Tame Static", "related")],
    "sitepoint.com1": [("Seems obvious to me.", "comments"),
                       ("Further, the CSS size increase", "comments"),
                       ("I'd also think it's because more and more", "comments"),
                       ("I blame framework bloat", "comments"),
                       ("I cringe whenever I look at the CSS", "comments"),
                       ("The typical workflow now is start", "comments"),
                       ("I almost wish we could go back", "comments"),
                       ("I believe a rise in simple, minimal CSS", "comments"),
                       ("Either that or we'll see a resurgence", "comments"),
                       ("That's all a bit depressing.", "comments")],
    "sitepoint.com2": [("Awesome tutorial, period.", "comments"),
                       ("Does it work with wordpress", "comments"),
                       ("It works with everything.", "comments"),
                       ("Ok thanks i was going to use it", "comments"),
                       ("Super article Lucas", "comments"),
                       ("And what about SEO aspect?", "comments")],
    "slate.com2": [("Photo by …", "credit"), ("News & Politics", "other"), ("Politics", "other"),
                   ("Jan. 2 2015 8:53 PMWhat Matters in Selma", "related"),
                   ("Dec. 31 2014 1:16 PMSlate Staffers Pick", "related")],
    "theatlantic.com2": [("Join the Discussion", "comments"),
                         ("After you comment, click Post.", "comments"),
                         ("blog comments powered by Disqus", "comments")],
    "thedailybeast.com1": [("The focus of her investigation was on how nuns live, work and "
                            "pray.", "other")],
    "thedebrief.co.uk2": [("READ MORE: Style And Design Tips", "related"),
                          ("Like this? You might also be interested in", "related"),
                          ("Sold Out Moisturiser Is The Hero", "related"),
                          ("Beyonce Behaves A Bit Weirdly", "related"),
                          ("A Few Signs We Might Be Drifting Apart", "related"),
                          ("Follow Stevie on Twitter", "follow"),
                          ("At work? With your gran?", "other"),
                          ("You might want to think about the fact", "other"),
                          ("Comments", "comments"),
                          ("The Debrief chat powered by DISQUS", "comments"),
                          ("Disqus", "comments"),
                          ("Disqus allows you to post comments", "comments"),
                          ("Disqus will use your registration data", "comments"),
                          ("Please read the Disqus terms of service", "comments"),
                          ("Loading...", "comments"),
                          ("comments powered by Disqus", "comments")],
    "theglobeandmail.com1": [("(AirAsia Flight 8501: What we know so far", "related")],
    "thekitchn.com1": [("Reader Kitchen Remodel", "other"),
                       ("Have a remodel or a DIY project to share", "newsletter"),
                       ("Submit it here!", "newsletter"),
                       ("More posts in this series", "related"),
                       ("Before & After", "related"),
                       ("(Image credits: Kaycee", "credit")],
    "wired.com1": [("- |", "byline"), ("- 12:03 pm |", "byline"), ("- Permalink", "byline")],
}
"""Pages of the sample not listed here had no junk line in trafilatura's output."""

PIPELINES = ("trafilatura", "trafilatura + cleanup", "clean_html, trafilatura, cleanup")
KINDS = ("newsletter", "follow", "related", "byline", "share", "comments", "credit", "other")


def english_pages() -> dict[str, str]:
    """name -> HTML text of every English page of the newspaper3k test data."""
    out: dict[str, str] = {}
    with tarfile.open(PAGES) as tar:
        for member in tar.getmembers():
            name = Path(member.name)
            if member.isfile() and name.parent.name == "html" and name.suffix == ".html" \
                    and not NOT_ENGLISH.search(name.stem):
                handle = tar.extractfile(member)
                assert handle is not None
                out[name.stem] = handle.read().decode("utf-8", "replace")
    return dict(sorted(out.items()))


def sample(pages: dict[str, str]) -> list[str]:
    """The fixed random sample of page names that LABELS was written from."""
    return sorted(random.Random(SAMPLE_SEED).sample(sorted(pages), SAMPLE_SIZE))


def _norm(line: str) -> str:
    return " ".join(line.split())


def _kind(line: str, labels: list[tuple[str, str]]) -> str | None:
    """The junk kind of a line, else None. A label is the whole line, or its start when it
    is 20 characters or more or ends with "…"."""
    for start, kind in labels:
        if line == start or ((len(start) >= 20 or start.endswith("…"))
                             and line.startswith(start.rstrip("…"))):
            return kind
    return None


def extract(page: str) -> list[str]:
    """trafilatura's text of a page, as non-blank normalised lines."""
    import trafilatura

    text = trafilatura.extract(page) or ""
    return [n for n in (_norm(line) for line in text.split("\n")) if n]


_URL = re.compile(r"""<(?:link[^>]*rel=["']canonical["'][^>]*href|meta[^>]*property="""
                  r"""=["']og:url["'][^>]*content)=["'](https?://[^"']+)""", re.IGNORECASE)


def page_url(page: str) -> str | None:
    """The page's canonical URL (a scraper knows it; cleanup reads the site's name off it)."""
    match = _URL.search(page)
    return match.group(1) if match else None


def removed_lines(lines: list[str], cleaner: Cleaner,
                  url: str | None = None) -> tuple[set[int], set[int]]:
    """Lines that cleanup removes whole, and lines it cuts a part (a sentence) out of."""
    body = "\n".join(lines)
    result = cleaner.clean({"body": body, "url": url}, lang="en")
    spans = [(f.start, f.end) for f in result.findings
             if f.action == "remove" and f.field == "body"]
    whole: set[int] = set()
    cut: set[int] = set()
    pos = 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        if any(a <= pos and end <= b for a, b in spans):
            whole.add(i)
        elif any(a < end and pos < b for a, b in spans):
            cut.add(i)
        pos = end + 1
    return whole, cut


def quality(pages: dict[str, str], show: bool) -> dict[str, Any]:
    """Junk left and real lines lost by each pipeline on the labelled sample."""
    cleaner = Cleaner()
    html_cleaner = HtmlCleaner(cleaner=cleaner)
    left = {name: Counter[str]() for name in PIPELINES}
    lost = Counter[str]()
    new: list[str] = []
    real_total = junk_total = cut_real = 0
    notes: list[str] = []
    for name in sample(pages):
        lines = extract(pages[name])
        labels = LABELS.get(name, [])
        whole, cut = removed_lines(lines, cleaner, page_url(pages[name]))
        first = html_first(pages[name], html_cleaner)
        for i, line in enumerate(lines):
            kind = _kind(line, labels)
            in_first = first[line] > 0
            if in_first:
                first[line] -= 1
            if kind is None:
                real_total += 1
                if i in whole:
                    lost[PIPELINES[1]] += 1
                    notes.append(f"  real line removed: {name}: {line[:100]}")
                elif i in cut:
                    cut_real += 1
                    notes.append(f"  real line cut: {name}: {line[:100]}")
                if not in_first and not any(k.startswith(line[:60]) for k in +first):
                    lost[PIPELINES[2]] += 1
                    notes.append(f"  real line lost by {PIPELINES[2]}: {name}: {line[:100]}")
                continue
            junk_total += 1
            left[PIPELINES[0]][kind] += 1
            if i not in whole:
                left[PIPELINES[1]][kind] += 1
                notes.append(f"  junk left [{kind}]: {name}: {line[:100]}")
            if in_first:
                left[PIPELINES[2]][kind] += 1
        new.extend(f"{name}: {line}" for line, n in first.items() for _ in range(n)
                   if line not in lines)
    if show:
        print("\n".join(notes + [f"  new line with {PIPELINES[2]}: {n[:100]}" for n in new]))
    return {"pages": SAMPLE_SIZE, "real": real_total, "junk": junk_total, "left": left,
            "lost": lost, "cut": cut_real, "new": len(new)}


def html_first(page: str, html_cleaner: HtmlCleaner) -> Counter[str]:
    """Lines of clean_html's page through trafilatura and then the text rules."""
    url = page_url(page)
    with contextlib.suppress(HtmlError):
        page = html_cleaner.clean(page, url=url, extract_main=False).html
    lines = extract(page)
    whole, _ = removed_lines(lines, html_cleaner.cleaner, url)
    return Counter(line for i, line in enumerate(lines) if i not in whole)


def print_quality(result: dict[str, Any]) -> None:
    """The quality table as Markdown."""
    print(f"Sample: {result['pages']} pages, {result['real']} real lines, "
          f"{result['junk']} junk lines (trafilatura's output, read and labelled); "
          f"cleanup cut a sentence out of {result['cut']} real lines.\n")
    print("| pipeline | " + " | ".join(KINDS) + " | junk left | real lost |")
    print("|---" * (len(KINDS) + 3) + "|")
    for pipeline, counts in result["left"].items():
        cells = " | ".join(str(counts[k]) for k in KINDS)
        print(f"| {pipeline} | {cells} | {sum(counts.values())} | {result['lost'][pipeline]} |")
    print(f"\nWith {PIPELINES[2]}: {result['new']} lines that trafilatura alone did not "
          f"output (not labelled; --show lists them).\n")


def fragments(limit: int | None) -> list[str]:
    """Arabic article bodies as CMS body fragments: one <p> per paragraph."""
    out = []
    with gzip.open(ARABIC, "rt", encoding="utf-8") as handle:
        for line in handle:
            body = json.loads(line).get("body") or ""
            out.append("".join(f"<p>{html.escape(p, quote=False)}</p>\n"
                               for p in body.split("\n") if p.strip()))
            if limit and len(out) >= limit:
                break
    return out


def timed(fn: Callable[[Any], object], items: Iterable[Any]) -> float:
    """Seconds to run ``fn`` over every item."""
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def best(fn: Callable[[Any], object], items: list[Any], runs: int = 2) -> float:
    return min(timed(fn, items) for _ in range(runs))


def speed(pages: dict[str, str], limit: int | None) -> None:
    """Fragment cleanings per second; page times of trafilatura and cleanup side by side."""
    import trafilatura

    html_cleaner = HtmlCleaner()
    cleaner = html_cleaner.cleaner
    frags = fragments(limit)
    html_cleaner.clean(frags[0])
    seconds = best(html_cleaner.clean, frags)
    size = sum(len(f.encode()) for f in frags) / len(frags)
    print(f"Fragments: {len(frags)} Arabic article bodies (mean {size / 1024:.1f} KB): "
          f"{len(frags) / seconds:.0f} clean_html/s single process "
          f"({seconds / len(frags) * 1000:.2f} ms each)\n")

    docs = list(pages.values())
    texts = [(trafilatura.extract(d) or "", page_url(d)) for d in docs]

    def text_clean(item: tuple[str, str | None]) -> object:
        return cleaner.clean({"body": item[0], "url": item[1]}, lang="en")

    def page_clean(doc: str) -> object:
        try:
            return html_cleaner.clean(doc, extract_main=False)
        except HtmlError:
            return None

    # in alternating order (A B C C B A) so drift of the machine affects all; best of two
    runs: list[tuple[str, Callable[[Any], object], list[Any]]] = [
        ("traf", trafilatura.extract, docs), ("text", text_clean, texts),
        ("page", page_clean, docs)]
    took: dict[str, float] = {}
    for name, fn, items in runs + runs[::-1]:
        seconds = timed(fn, items)
        took[name] = min(took.get(name, seconds), seconds)
    traf, text, page = took["traf"], took["text"], took["page"]
    print(f"Pages: {len(docs)} English pages ({sum(map(len, docs)) / 1e6:.1f} MB)\n")
    print("| step | seconds | ms/page | vs trafilatura |")
    print("|---|---|---|---|")
    print(f"| trafilatura.extract | {traf:.2f} | {traf / len(docs) * 1000:.1f} | 100% |")
    print(f"| cleanup.clean on its text (added) | {text:.2f} | "
          f"{text / len(docs) * 1000:.1f} | +{text / traf:.1%} |")
    print(f"| clean_html on the whole page | {page:.2f} | "
          f"{page / len(docs) * 1000:.1f} | {page / traf:.0%} |")
    print()


SEED_JUNK = {
    "promo": "تابعوا التفاصيل على خَبَرَيْن", "see-also": "شاهد ايضاً:",
    "related": "أخبار ذات صلة", "related headline": "جنازة كارتر تجسد القصة الأمريكية",
    "share": "شارك الخبر", "most read": "الأكثر قراءة", "nav": "الرئيسية",
    "copyright": "جميع الحقوق محفوظة",
}


def seed() -> None:
    """The seed laid out as a page in four shapes: which junk each pipeline keeps."""
    import trafilatura

    cleaner = HtmlCleaner()
    print("| page | trafilatura keeps | clean_html keeps (fields and HTML) |")
    print("|---|---|---|")
    for path in sorted((HERE.parent / "fixtures" / "html").glob("khabarayn-*.html")):
        if "cms" in path.name:
            continue
        page = path.read_text(encoding="utf-8")
        text = trafilatura.extract(page) or ""
        out = cleaner.clean(page)
        fields = "\n".join((out.article.headline, out.article.summary, out.article.body))
        kept = [k for k, v in SEED_JUNK.items() if v in text]
        ours = [k for k, v in SEED_JUNK.items() if v in fields or v in out.html]
        print(f"| {path.stem} | {', '.join(kept) or '-'} | {', '.join(ours) or '-'} |")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("seed", "quality", "speed", "all"))
    parser.add_argument("--show", action="store_true", help="list the lines behind the counts")
    parser.add_argument("--limit", type=int, help="fragments to time (default: all 3,500)")
    args = parser.parse_args(argv)
    if not PAGES.exists():
        print(f"corpus not found: {PAGES}", file=sys.stderr)
        return 2
    if args.what in ("seed", "all"):
        seed()
    pages = english_pages()
    if args.what in ("quality", "all"):
        print_quality(quality(pages, args.show))
    if args.what in ("speed", "all"):
        speed(pages, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
