from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from clarus.api.application import create_app
from tests.conformance.graphql_lists import (
    FILTERS_LEFT_OUT,
    UNSTORED,
    implemented,
    not_implemented,
)
from tests.conformance.ours import our_operation
from tests.conformance.spec import ISSUE_3_TAGS, operations, spec_path
from tests.conftest import make_settings


@pytest.fixture(scope="session")
async def deployed_app(database_url: str) -> AsyncIterator[object]:
    """The app as a deployment configured in full, so a documented example is refused only for
    what Clarus lacks: with an SMTP server (never reached: no worker runs), the automation
    example's email action is accepted."""
    application = create_app(
        make_settings(
            database_url, smtp_host="smtp.clarus.invalid", smtp_from="clarus@warehouse.example"
        )
    )
    yield application
    await application.state.db.dispose()


@pytest.fixture
async def http(deployed_app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=deployed_app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as client:
        yield client


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Which documented operations of the records issue we implement, and which not yet."""
    if not spec_path().exists():
        terminalreporter.write_line(f"conformance: no reference spec at {spec_path()}")
        return
    implemented: list[str] = []
    missing: list[str] = []
    for operation in operations():
        if operation.tag not in ISSUE_3_TAGS:
            continue
        label = f"{operation.operation_id} ({operation.method} {operation.path})"
        if operation.is_graphql:
            continue
        (implemented if our_operation(operation) else missing).append(label)
    terminalreporter.section("Clarus REST operations of the records issue")
    terminalreporter.write_line(f"implemented ({len(implemented)}):")
    for label in implemented:
        terminalreporter.write_line(f"  {label}")
    terminalreporter.write_line(f"not implemented ({len(missing)}):")
    for label in missing:
        terminalreporter.write_line(f"  {label}")
    _graphql_summary(terminalreporter)


def _graphql_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Which documented GraphQL list queries we answer, and why the others are left out."""
    ours, theirs = implemented(), not_implemented()
    terminalreporter.section("Clarus GraphQL list queries")
    terminalreporter.write_line(f"implemented ({len(ours)}):")
    for listed in ours:
        terminalreporter.write_line(f"  {listed.name} ({listed.root})")
    terminalreporter.write_line(f"not implemented ({len(theirs)}):")
    terminalreporter.write_line(f"  {'operation':<40} {'root':<36} reason")
    for listed in theirs:
        terminalreporter.write_line(f"  {listed.name:<40} {listed.root:<36} {UNSTORED}")
    terminalreporter.write_line("documented filters not taken:")
    for (operation, name), reason in FILTERS_LEFT_OUT.items():
        terminalreporter.write_line(f"  {operation:<40} {name:<36} {reason}")
