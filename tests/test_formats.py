"""Reading and writing article files: the .txt layout, JSON, JSON Lines, atomic writes."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup.formats import (
    InputError,
    concat,
    format_of,
    parse,
    read_source,
    render,
    write_atomic,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-khabarayn.txt"
CLI = ROOT / "fixtures" / "cli"


def test_seed_txt_layout() -> None:
    source = read_source(str(SEED))
    lines = SEED.read_text(encoding="utf-8").split("\n")
    (record,) = source.records
    assert (record.article.headline, record.article.summary) == (lines[0], lines[1])
    assert record.article.body == "\n".join(lines[3:-1])
    assert record.where == str(SEED) and source.format == "txt"


def test_txt_render_of_changed_article() -> None:
    source = parse("H\nS\n\nB1\nB2", "a.txt", "txt")
    article = source.records[0].article.with_fields(summary="S2", body="B1")
    assert render(source, [article]) == "H\nS2\n\nB1"


def test_txt_crlf_is_kept_and_not_part_of_the_text() -> None:
    text = "H\r\nS\r\n\r\nB1\r\nB2\r\n"
    source = parse(text, "a.txt", "txt")
    assert source.records[0].article.body == "B1\nB2"
    assert render(source, [source.records[0].article]) == text


@pytest.mark.parametrize(("text", "fields"), [
    ("Only a headline", ("Only a headline", "", "")),
    ("H\nS\n", ("H", "S", "")),
    ("H\nS\n\n", ("H", "S", "")),
    ("H\nS\n\nB\n\n", ("H", "S", "B\n")),
])
def test_txt_short_and_odd_layouts(text: str, fields: tuple[str, str, str]) -> None:
    source = parse(text, "a.txt", "txt")
    article = source.records[0].article
    assert (article.headline, article.summary, article.body) == fields
    assert render(source, [article]) == text


line = st.text(st.characters(blacklist_characters="\r\n"), max_size=20)


@given(headline=line, summary=line, blank=st.sampled_from(["", " ", "\t "]),
       body=st.lists(line, max_size=5), final=st.booleans())
def test_txt_round_trip(headline: str, summary: str, blank: str, body: list[str],
                        final: bool) -> None:
    text = "\n".join([headline, summary, blank, *body]) + ("\n" if final else "")
    if not text.strip():
        return
    source = parse(text, "a.txt", "txt")
    assert render(source, [source.records[0].article]) == text


def test_json_in_place_keeps_style_and_key_order() -> None:
    text = (CLI / "english.json").read_text(encoding="utf-8")
    source = parse(text, "a.json", "json")
    record = source.records[0]
    assert render(source, [record.article], in_place=True) == text
    changed = record.article.with_fields(body="Short.")
    out = render(source, [changed], in_place=True)
    assert list(json.loads(out)) == ["id", "title", "description", "body", "author"]
    one_line = render(source, [changed])
    assert one_line.count("\n") == 1 and json.loads(one_line)["body"] == "Short."


def test_jsonl_keeps_unchanged_lines_and_line_numbers() -> None:
    text = '{"headline": "A",  "body": "x"}\n\n{"headline": "B", "body": "y"}\r\n'
    source = parse(text, "a.jsonl", "jsonl")
    assert [r.where for r in source.records] == ["a.jsonl:1", "a.jsonl:3"]
    first, second = (r.article for r in source.records)
    out = render(source, [first, second.with_fields(body="z")])
    assert out == '{"headline": "A",  "body": "x"}\n\n{"headline": "B", "body": "z"}\r\n'


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    assert read_source("-", stdin=io.BytesIO(b'  {"headline": "A"}')).format == "json"
    assert read_source("-", stdin=io.BytesIO(b"A\nB\n\nC")).format == "txt"
    with pytest.raises(InputError, match="<stdin>: empty input"):
        read_source("-", stdin=io.BytesIO(b" \n"))


def test_json_with_several_objects_hints_at_jsonl() -> None:
    with pytest.raises(InputError, match=r"a.json:2: invalid JSON: Extra data .*JSON Lines"):
        parse('{"headline": "A"}\n{"headline": "B"}\n', "a.json", "json")


def test_json_must_be_an_object() -> None:
    with pytest.raises(InputError, match=r"a\.json: expected an article object, found a JSON list"):
        parse('[{"headline": "A"}]', "a.json", "json")


def test_format_of() -> None:
    assert [format_of(p) for p in ("a.txt", "b.JSON", "c.jsonl", "d.ndjson")] == [
        "txt", "json", "jsonl", "jsonl"]
    with pytest.raises(InputError, match=r"a\.md: cannot tell the format"):
        format_of("a.md")


def test_input_error_text() -> None:
    assert str(InputError("a.jsonl", "bad", 3)) == "a.jsonl:3: bad"
    assert str(InputError("a.json", "bad")) == "a.json: bad"


def test_concat_separates_articles() -> None:
    assert concat(["A\nB", "C\n", "D"]) == "A\nB\nC\nD"
    assert concat(["only"]) == "only"


def test_write_atomic_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o600)
    write_atomic(path, "نص جديد\n")
    assert path.read_text(encoding="utf-8") == "نص جديد\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    write_atomic(tmp_path / "new.txt", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "new.txt"]


def test_byte_order_mark_is_not_text_and_is_kept_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfH\nS\n\nB\n")
    source = read_source(str(path))
    article = source.records[0].article
    assert article.headline == "H"
    assert render(source, [article], in_place=True).encode() == path.read_bytes()
    assert render(source, [article]) == "H\nS\n\nB\n"
