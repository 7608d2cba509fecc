"""The engine: over-cleaning guard, line removal layout, offsets through stages."""

from __future__ import annotations

from collections.abc import Iterable

from cleanup import Config, clean
from cleanup.engine import run
from cleanup.model import Article
from cleanup.rules.base import Context, FieldText, Proposal, Rule

REAL = ("وقال المتحدث باسم الوزارة إن فرق الإنقاذ وصلت إلى المنطقة المنكوبة صباح اليوم، "
        "وإن عمليات البحث ستستمر حتى المساء.")
JUNK = ["شاهد أيضا: انهيار جسر في المدينة القديمة", "اقرأ أيضاً:", "عنوان خبر آخر تماما",
        "عنوان خبر ثالث هنا", "--------------------", "تابعونا على تويتر وفيسبوك وإنستغرام"]


def test_guard_keeps_body_when_most_of_it_would_go() -> None:
    body = "\n".join([REAL, *JUNK])
    result = clean({"headline": "عنوان", "summary": "", "body": body})
    assert result.article.body == body
    guard = [f for f in result.findings if f.code == "E001"]
    assert len(guard) == 1
    assert guard[0].severity == "error" and guard[0].action == "flag"
    assert "شاهد أيضا" in guard[0].message and "R102" in guard[0].message
    assert not [f for f in result.findings if f.action == "remove"]


def test_guard_threshold_is_configurable() -> None:
    body = "\n".join([REAL, *JUNK])
    result = clean({"body": body}, config=Config(guard_share=0.9))
    assert result.article.body == REAL


def test_guard_never_empties_a_field() -> None:
    summary = "تابعوا التفاصيل على موقعنا."
    result = clean({"headline": "عنوان", "summary": summary, "body": REAL})
    assert result.article.summary == summary
    assert [f.code for f in result.findings if f.field == "summary"] == ["E001"]


def test_removed_block_leaves_no_gap() -> None:
    body = f"{REAL}\n\nاقرأ أيضاً:\nعنوان خبر آخر تماما\n\n{REAL}\n\n{REAL}\n{REAL}"
    result = clean({"body": body})
    assert result.article.body == f"{REAL}\n\n{REAL}\n\n{REAL}\n{REAL}"


def test_block_at_the_end_takes_the_line_breaks_before_it() -> None:
    body = f"{REAL}\n{REAL}\n{REAL}\n\nأخبار ذات صلة\n\nعنوان خبر آخر\n"
    result = clean({"body": body})
    assert result.article.body == f"{REAL}\n{REAL}\n{REAL}\n"


class _Upper(Rule):
    code, name, family, summary, what, why, example = ("X001", "upper", "test", "", "", "", "")
    action, stage = "replace", "repair"

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        i = text.text.find("abc")
        if i >= 0:
            yield Proposal(text.name, i, i + 3, "replace", "upper", replacement="ABCDEF")


class _DropX(Rule):
    code, name, family, summary, what, why, example = ("X002", "drop", "test", "", "", "", "")

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        i = text.text.find("xyz")
        if i >= 0:
            yield Proposal(text.name, i, i + 3, "remove", "drop")


def test_offsets_of_a_later_stage_point_into_the_original() -> None:
    article = Article(body="abc and then xyz at the end of a long enough body text")
    out, findings = run(article, [_Upper(), _DropX()],
                        lambda a: Context(packs=None, article=a, lang=None))  # type: ignore[arg-type]
    assert out.body == "ABCDEF and then  at the end of a long enough body text"
    drop = next(f for f in findings if f.code == "X002")
    assert article.body[drop.start:drop.end] == "xyz" == drop.text
    upper = next(f for f in findings if f.code == "X001")
    assert (upper.start, upper.end, upper.replacement) == (0, 3, "ABCDEF")


def test_validation_runs_by_default_and_names_the_seed_headline_term() -> None:
    from tests.helpers import seed_article

    seed = seed_article()
    found = [f for f in clean(seed).findings if f.code.startswith("V")]
    assert len(found) == 1 and found[0].code == "V104" and found[0].field == "headline"
    assert found[0].severity in ("info", "warning", "error") and "«تحالف»" in found[0].message
    quiet = clean(seed, config=Config(ignore=("V",)))
    assert not [f for f in quiet.findings if f.code.startswith("V")]
    assert quiet.article == clean(seed).article
