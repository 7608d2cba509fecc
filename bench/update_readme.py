"""Paste the current `cleanup rules --format markdown` table into README.md."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from cleanup.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"

buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    main(["rules", "--format", "markdown"])
text = README.read_text(encoding="utf-8")
text = re.sub(r"<!-- rules:start -->\n.*?<!-- rules:end -->",
              lambda _: f"<!-- rules:start -->\n{buffer.getvalue().strip()}\n<!-- rules:end -->",
              text, flags=re.S)
README.write_text(text, encoding="utf-8")
