"""The compiled build (setup.py, mypyc) is the source's: current, and with the same output.

Both tests pass trivially on a pure-Python install (CLEANUP_PURE_PYTHON=1, or no C
compiler): there is nothing compiled to compare.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPILED = sorted(p for p in (ROOT / "cleanup").rglob("*.so"))

# Cleans every article found in the fixtures (any JSON object with a text field, the
# seed) with the default cleaner and prints what a user gets: fields and findings.
_CLEAN_FIXTURES = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from cleanup import Cleaner, Config
import cleanup.engine
print(cleanup.engine.__file__, file=sys.stderr)

def objects(value):
    if isinstance(value, dict):
        if any(isinstance(value.get(k), str) for k in ("headline", "title", "summary", "body")):
            yield value
        for item in value.values():
            yield from objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from objects(item)

fixtures = Path(sys.argv[2])
articles = [{"body": (fixtures / "seed-khabarayn.txt").read_text(encoding="utf-8")}]
for path in sorted(fixtures.rglob("*.json")):
    try:
        articles += list(objects(json.loads(path.read_text(encoding="utf-8"))))
    except ValueError:
        pass  # the deliberately broken files
cleaner = Cleaner(Config())
for article in articles:
    fields = {k: v for k, v in article.items()
              if k in ("headline", "title", "summary", "body", "site") and isinstance(v, str)}
    try:
        result = cleaner.clean(fields)
    except Exception as error:
        print(json.dumps(["error", type(error).__name__, str(error)], ensure_ascii=False))
        continue
    a = result.article
    print(json.dumps([a.headline, a.summary, a.body, [f.to_dict() for f in result.findings]],
                     ensure_ascii=False))
"""


def _clean_fixtures(root: Path) -> tuple[str, str]:
    """Output of cleaning every fixture article with the package under ``root``, and
    the file the engine was imported from."""
    command = [sys.executable, "-c", _CLEAN_FIXTURES, str(root), str(ROOT / "fixtures")]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root)
    return done.stdout, done.stderr.strip().splitlines()[-1]


def test_no_compiled_module_is_older_than_its_source() -> None:
    sources = [(so, so.parent / (so.name.split(".")[0] + ".py")) for so in COMPILED]
    stale = [source.relative_to(ROOT).as_posix() for so, source in sources
             if source.exists() and source.stat().st_mtime > so.stat().st_mtime]
    assert not stale, (f"changed after they were compiled: {', '.join(stale)}; build again "
                       f"(pip install -e .) or install with CLEANUP_PURE_PYTHON=1 while editing")


@pytest.mark.skipif(not COMPILED, reason="pure-Python install: nothing compiled")
def test_compiled_modules_clean_like_their_source(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "cleanup", tmp_path / "cleanup",
                    ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    compiled, compiled_engine = _clean_fixtures(ROOT)
    source, source_engine = _clean_fixtures(tmp_path)
    assert compiled_engine.endswith(".so") and source_engine.endswith(".py")
    lines = compiled.splitlines()
    assert len(lines) > 150 and sum(json.loads(line)[0] == "error" for line in lines) < 10
    assert compiled == source
