"""One real `clarus serve --demo` for the MCP tests of this package."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.serving import DemoServer, demo_server


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server(tmp_path_factory.mktemp("mcp")) as server:
        yield server
