"""The folded matching key ignores what should not decide a match, and maps back exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanup import clean
from cleanup.fold import _TABLE, Folded, fold
from cleanup.segment import lines, prefold


def test_folding_unifies_arabic_spellings() -> None:
    assert fold("خَبَرَيْن") == fold("خبرين")
    assert fold("إقرأ أيضاً") == fold("اقرا ايضا")
    assert fold("آخر") == fold("اخر") == fold("ٱخر")
    assert fold("على") == fold("علي")
    assert fold("صلة") == fold("صله")
    assert fold("یک") == fold("يك")
    assert fold("ﻷول") == fold("لأول")
    assert fold("READ More") == fold("read more")
    assert fold("تابعـــوا") == fold("تابعوا")
    assert fold("a\u200fb\u00a0c") == "ab c"


def test_spans_map_back_with_their_tashkeel() -> None:
    text = "تابعوا التفاصيل على خَبَرَيْن."
    folded = Folded.of(text)
    i = folded.key.index("خبرين")
    start, end = folded.to_original(i, i + len("خبرين"))
    assert text[start:end] == "خَبَرَيْن"


def test_output_keeps_legitimate_diacritics() -> None:
    body = ("وقال الوزير إن البلدين سيعملان معًا من أجل نظام أكثر عدلاً، وإن المحادثات ستستمر "
            "الأسبوع المقبل.\nتابعونا على تويتر")
    result = clean({"body": body})
    assert result.article.body.startswith("وقال الوزير إن البلدين سيعملان معًا")
    assert "عدلاً" in result.article.body
    assert "تابعونا" not in result.article.body


_FOLDED_CHARS = "".join(chr(c) for c in sorted(_TABLE)) + "abcABC ابتجخ\n\tİ"


@given(st.text(alphabet=st.sampled_from(_FOLDED_CHARS), max_size=40))
def test_fast_fold_equals_the_table(text: str) -> None:
    assert fold(text) == text.translate(_TABLE).lower()


@given(st.text(alphabet=st.sampled_from(_FOLDED_CHARS + "\n\n"), max_size=60))
def test_lines_folded_at_once_get_the_keys_they_would_fold_to(text: str) -> None:
    spans = lines(text)
    prefold(text, spans)
    for span in spans:
        assert "folded" in span.__dict__  # given by prefold, diacritics or not
        assert span.folded.key == fold(span.text)
        assert span.folded.text == span.text
