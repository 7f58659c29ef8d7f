"""The import contract (`[tool.importlinter]` in pyproject.toml, docs/architecture.md): the
tree keeps it, and `lint-imports` refuses a copy of the tree with one forbidden import planted
in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the `clarus` package found in `tree`, with `tree`'s pyproject.toml."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    command = [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports;"
        " sys.exit(lint_imports(no_cache=True, no_logo=True))",
    ]
    return subprocess.run(
        command, cwd=tree, env=environment, capture_output=True, text=True, check=False
    )


def _copy_of_the_tree(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "clarus", tmp_path / "clarus", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_the_import_contracts() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        pytest.param(
            "inventory/ledger.py",
            "import clarus.api.application",
            "clarus.inventory.ledger -> clarus.api.application",
            id="a domain imports a transport",
        ),
        pytest.param(
            "tasks/service.py",
            "import clarus.inbound.receiving",
            "clarus.tasks.service -> clarus.inbound.receiving",
            id="tasks imports inbound, which sits above it",
        ),
        pytest.param(
            "core/db.py",
            "import clarus.tenancy.models",
            "clarus.core.db -> clarus.tenancy.models",
            id="core imports a domain",
        ),
    ],
)
def test_a_planted_import_breaks_the_contract(
    tmp_path: Path, module: str, planted: str, broken: str
) -> None:
    tree = _copy_of_the_tree(tmp_path)
    path = tree / "clarus" / module
    path.write_text(f"{path.read_text()}\n{planted}\n")
    result = _lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
