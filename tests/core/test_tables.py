"""One home per table (docs/architecture.md): each domain's `tables.py` declares the Core table
of every model of that domain once, under the table's name, and every other module imports it
from there."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Table

from clarus.registry import Base

ROOT = Path(__file__).parents[2]
SOURCES = ("clarus", "tests", "bench", "proof")


def _python_files() -> Iterator[Path]:
    for top in SOURCES:
        yield from sorted((ROOT / top).rglob("*.py"))


def _is_tables_module(path: Path) -> bool:
    return path.name == "tables.py" and path.parent.parent == ROOT / "clarus"


def _table_of_calls(path: Path) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) == "table_of"
        and node.args
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id[:1].isupper()
    ]


def test_every_model_table_is_declared_in_its_domains_tables_module() -> None:
    missing = []
    for mapper in Base.registry.mappers:
        domain = mapper.class_.__module__.split(".")[1]
        table = mapper.local_table
        tables = importlib.import_module(f"clarus.{domain}.tables")
        if getattr(tables, table.name, None) is not table:
            missing.append(f"clarus.{domain}.tables.{table.name}")
    assert missing == []


def test_a_tables_module_names_each_table_once_by_its_name() -> None:
    misnamed = [
        f"{path.relative_to(ROOT)}: {name} is {value.name}"
        for path in sorted((ROOT / "clarus").glob("*/tables.py"))
        for name, value in vars(
            importlib.import_module(f"clarus.{path.parent.name}.tables")
        ).items()
        if isinstance(value, Table) and name != value.name
    ]
    assert misnamed == []


def test_only_tables_modules_name_a_models_table() -> None:
    """`table_of(Model)` anywhere else is a second name for a table that has its home (a loop
    over models, `table_of(model)`, names none)."""
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _python_files()
        if not _is_tables_module(path)
        for line in _table_of_calls(path)
    ]
    assert found == []


@pytest.mark.parametrize("top", SOURCES)
def test_tables_are_imported_from_their_home(top: str) -> None:
    """A table imported from a service (or any module but its `tables.py`) is a re-export."""
    found = []
    for path in sorted((ROOT / top).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
                continue
            if not node.module.startswith("clarus.") or node.module.endswith(".tables"):
                continue
            module = importlib.import_module(node.module)
            found.extend(
                f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}"
                for alias in node.names
                if isinstance(getattr(module, alias.name, None), Table)
            )
    assert found == []
