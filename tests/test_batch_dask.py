"""The Dask helper on a real LocalCluster gives the bytes `cleanup batch` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import seed_article

from cleanup import Config
from cleanup.batch import clean_partition
from cleanup.cli import main

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


def lines() -> list[str]:
    seed = seed_article()
    out = []
    for i in range(40):
        body = f"{seed['body']}\nفقرة رقم {i}."
        out.append(json.dumps({"id": i, "title": seed["headline"], "summary": seed["summary"],
                               "body": body, "tags": ["a", i]}, ensure_ascii=False))
    out[5] = '{"broken": '
    out[9] = json.dumps({"author": "no text fields"})
    return out


def dump(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_clean_bag_on_a_local_cluster_matches_the_cli(tmp_path: Path) -> None:
    from cleanup.batch.dask import clean_bag

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(x + "\n" for x in lines()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    config = Config(ignore=("B106",))
    assert main(["batch", str(feed), "-o", str(out), "--ignore", "B106", "--no-config",
                 "-q", "--workers", "1"]) == 0
    expected = out.read_text(encoding="utf-8").splitlines()
    expected_rejects = [json.loads(x) for x in
                        (tmp_path / "out.rejects.jsonl").read_text().splitlines()]

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        bag = db.read_text(str(feed), blocksize=20_000)  # several partitions
        assert bag.npartitions > 1
        cleaned, rejects = clean_bag(bag, config)
        got, got_rejects = dask.compute(cleaned.map(dump), rejects)

    # The same records, field for field and in order (the CLI writes compact JSON).
    assert [json.loads(x) for x in got] == [json.loads(x) for x in expected]
    assert [(r["reason"], r["raw"]) for r in got_rejects] == [
        (r["reason"], r["raw"]) for r in expected_rejects]
    assert [r["reason"] for r in got_rejects] == ["invalid-json", "bad-article"]


def test_clean_partition_takes_dicts_and_text_alike() -> None:
    records = [json.loads(x) for x in lines() if x.startswith('{"id"')][:3]
    from_dicts = clean_partition(records)
    from_text = clean_partition([dump(r) for r in records])
    assert from_dicts == from_text
    assert all(o["ok"] for o in from_dicts)
    assert from_dicts[0]["record"]["tags"] == ["a", 0]
    assert from_dicts[0]["record"]["cleanup"]["changed"] is True
    (bad,) = clean_partition([{"title": 3}])
    assert bad["ok"] is False and bad["reject"]["reason"] == "bad-article"
    assert json.loads(bad["reject"]["raw"]) == {"title": 3}
