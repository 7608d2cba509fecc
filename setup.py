"""Build: the modules that clean an article are compiled with mypyc when possible.

Compiled, cleaning runs about 20% faster (bench/BATCH.md); the Python source stays the
reference and behaves the same (the corpus output is compared byte for byte). Set
CLEANUP_PURE_PYTHON=1 to install without compiling (while editing these modules: a
compiled module is used instead of its source until it is built again). Where no C
compiler is available the build warns and installs pure Python.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "cleanup/engine.py",
    "cleanup/lang.py",
    "cleanup/phrases.py",
    "cleanup/fold.py",
    "cleanup/segment.py",
    "cleanup/pattern_sets.py",
    "cleanup/rules/base.py",
    "cleanup/rules/scan.py",
    "cleanup/rules/related.py",
    "cleanup/rules/line_rule.py",
    "cleanup/rules/promo.py",
    "cleanup/rules/branding.py",
    "cleanup/rules/navigation.py",
    "cleanup/rules/guard.py",
    "cleanup/rules/html_container.py",
    *sorted(str(p) for p in Path("cleanup/rules/repair").glob("*.py") if p.name != "__init__.py"),
    *sorted(str(p) for p in Path("cleanup/rules/validate").glob("*.py")
            if p.name != "__init__.py"),
]
"""What cleaning an article runs: the engine, every rule module and what they run on (a
class compiled cannot be subclassed by one that is not, so a rule module compiled needs
its base compiled too). These stay Python: ``cleanup.packs`` (compiled, a one-worker run
of the corpus took 264 s instead of 15: its cached properties), and ``cleanup.api`` and
``cleanup.model``, whose frozen dataclasses (Config, Article, Finding) are pickled to
worker processes and Dask, which a compiled frozen dataclass refuses."""


def remove_compiled() -> None:
    """Delete compiled modules an earlier build left in the source tree (an editable
    install imports them before the source): before each build, and for a pure one."""
    here = Path(__file__).resolve().parent
    for stale in [*here.glob("cleanup/**/*.so"), *here.glob("cleanup/**/*.pyd"),
                  *here.glob("cleanup__mypyc*")]:
        stale.unlink(missing_ok=True)


def warn_pure(error: Exception) -> None:
    """Say that the install goes on as pure Python (shown by ``pip install -v``)."""
    print(f"warning: cleanup is installed without compiled modules ({error})",
          file=sys.stderr)


class OptionalBuildExt(build_ext):
    """Build the compiled modules, or leave none behind and install pure Python."""

    def run(self) -> None:
        remove_compiled()
        try:
            super().run()
        except Exception as error:  # no compiler, no headers: the source still works
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            remove_compiled()
            warn_pure(error)


def ext_modules() -> list[object]:
    """The mypyc extensions, or none when CLEANUP_PURE_PYTHON is set or mypyc fails."""
    if os.environ.get("CLEANUP_PURE_PYTHON"):
        remove_compiled()
        return []
    try:
        from mypyc.build import mypycify

        # Imports outside the compiled modules (bs4, dask, ...) are not installed where
        # the build runs: they are read for types only, without reporting on them.
        return list(mypycify(["--follow-imports=silent", "--ignore-missing-imports",
                              *COMPILED], opt_level="3", group_name="cleanup"))
    except (Exception, SystemExit) as error:  # mypyc exits on a type error
        warn_pure(error if isinstance(error, Exception) else RuntimeError(error))
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
