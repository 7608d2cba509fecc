"""The seed article through the repair rules: untouched, and recovered from mojibake."""

from __future__ import annotations

from collections.abc import Callable

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)
import pytest

from tests.helpers import seed_article
from tests.repair_helpers import repair

SEED = seed_article()
FIELDS = ("headline", "summary", "body")


def test_seed_is_byte_identical_with_no_repair_findings() -> None:
    article, findings = repair(SEED)
    assert findings == []
    for name in FIELDS:
        assert getattr(article, name) == SEED[name]
    assert "خَبَرَيْن" in article.summary  # its tashkeel is kept


def _mangled(encode: str, decode: str) -> Callable[[str], str]:
    return lambda text: text.encode(encode).decode(decode)


MOJIBAKE = {
    "UTF-8 read as windows-1256": (_mangled("utf-8", "cp1256"), "T101"),
    "windows-1256 read as latin-1": (_mangled("cp1256", "latin-1"), "T101"),
    "windows-1256 read as windows-1252": (_mangled("cp1256", "sloppy-windows-1252"), "T101"),
    "ISO-8859-6 read as latin-1": (_mangled("iso8859_6", "latin-1"), "T101"),
    "UTF-8 read as windows-1252": (_mangled("utf-8", "sloppy-windows-1252"), "T102"),
    "UTF-8 read as latin-1": (_mangled("utf-8", "latin-1"), "T102"),
    "UTF-8 read as windows-1256 behind HTML entities": (
        lambda t: "".join(f"&#{ord(c)};" if ord(c) > 127 else c
                          for c in t.encode("utf-8").decode("cp1256")), "T101"),
}


@pytest.mark.parametrize("kind", MOJIBAKE)
def test_seed_comes_back_from_mojibake(kind: str) -> None:
    mangle, code = MOJIBAKE[kind]
    broken = {name: mangle(SEED[name]) for name in FIELDS}
    assert broken != SEED
    article, findings = repair(broken)
    for name in FIELDS:
        assert getattr(article, name) == SEED[name], name
    assert {f.code for f in findings} == {code}
    assert all(f.severity == "warning" for f in findings)
    for name in FIELDS:  # every broken line has findings, none spans two lines
        spans = [(f.start, f.end) for f in findings if f.field == name]
        for start, line in _lines(broken[name]):
            assert not line or [s for s, _ in spans if start <= s < start + len(line)]
        assert all("\n" not in broken[name][s:e] for s, e in spans)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out

