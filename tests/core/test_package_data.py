"""The installed package carries every file it reads besides its modules: a template, a
stylesheet or a vendored script left out of `[tool.setuptools.package-data]` works from a
checkout and breaks `pip install .` (the server cannot start without the operator app's
assets)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "clarus"


def test_every_file_beside_the_modules_is_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["clarus"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert sorted(str(path.relative_to(PACKAGE)) for path in data - shipped) == []
