from __future__ import annotations

from pathlib import Path

from clarus.core.errors import ErrorKind, error_table_markdown

DOC = Path(__file__).parents[2] / "docs" / "errors.md"


def test_the_published_error_table_is_current() -> None:
    assert DOC.read_text() == error_table_markdown(), "run scripts/errors-doc"


def test_codes_and_symbols_are_unique() -> None:
    assert len({kind.code for kind in ErrorKind}) == len(ErrorKind)
    assert len({kind.symbol for kind in ErrorKind}) == len(ErrorKind)
