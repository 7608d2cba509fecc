"""Line scans: the shortcuts they take give the answers the plain computation gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanup.fold import Folded
from cleanup.rules.scan import LineScan, Tokenised
from cleanup.segment import Span, word_count


def _scan(text: str) -> LineScan:
    return LineScan(Span(0, len(text), text), Tokenised(Folded.of(text)), ())


@given(st.text(alphabet=st.sampled_from("ab ج  \t\u00a0."), max_size=160),
       st.lists(st.integers(min_value=0, max_value=45), min_size=1, max_size=4))
def test_word_limits_agree_with_the_word_count(text: str, limits: list[int]) -> None:
    ls = _scan(text)
    for limit in limits:  # in any order: earlier answers are reused
        assert ls.words_at_most(limit) == (word_count(text) <= limit)
    assert ls.words == word_count(text)
