"""Clients that hang up mid-request, against a real `clarus serve`: the next client is answered,
and the server's root logger is left as Clarus found it (the MCP SDK gives it a handler that
renders rich tracebacks, on the event loop, when nobody else did)."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.api.mcp.test_server import client_credentials_token
from tests.serving import DemoServer, demo_server

ROOT_HANDLERS_AT_EXIT = """
import json, logging, signal, sys
from pathlib import Path

def report_root_handlers(_signal, _frame):
    handlers = logging.getLogger().handlers
    names = [f"{type(handler).__module__}.{type(handler).__qualname__}" for handler in handlers]
    Path(sys.argv[1]).write_text(json.dumps(names))
    sys.exit(0)

signal.signal(signal.SIGTERM, report_root_handlers)
api_log = logging.getLogger("clarus.api")
api_log.setLevel(logging.INFO)
api_log.addHandler(logging.StreamHandler())
from clarus.cli.main import app
app(sys.argv[2:], prog_name="clarus")
"""
"""`clarus` as the CLI runs it, writing the root logger's handlers to the file named by its first
argument when it is stopped (uvicorn, once it has shut down on SIGTERM, restores the handler it
found and raises the signal again); Clarus's API log is printed from info on, to its stderr."""

HANG_UPS = 6
PRODUCT = {"data": {"type": "products", "attributes": {"code": "HUNG-UP", "description": "x"}}}
QUERY = {"query": "{ products { all { total_count } } }"}


@dataclass(frozen=True)
class HungUpServer:
    """What a server that clients hung up on showed: the answers to a client before and after,
    its log, and its root logger's handlers once it stopped."""

    before: httpx.Response
    next_answer: httpx.Response
    log: str
    root_handlers: list[str]


def hang_up(
    server: DemoServer, token: str, path: str, body: bytes, *, sent: int | None = None
) -> None:
    """Send a POST of `body` (only its first `sent` bytes, when given) on a raw socket, then
    close the connection without waiting for the answer."""
    address = urlsplit(server.base_url)
    head = (
        f"POST {path} HTTP/1.1\r\n"
        f"Host: {address.netloc}\r\n"
        f"Authorization: Bearer {token}\r\n"
        "X-Clarus-Subdomain: demo\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(head.encode() + body[:sent])


def query(server: DemoServer, token: str) -> httpx.Response:
    """The products' count; the timeout is only a guard against a stalled server."""
    return httpx.post(
        f"{server.base_url}/graphql",
        json=QUERY,
        headers={"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": "demo"},
        timeout=60,
    )


@pytest.fixture(scope="module")
def hung_up_on(tmp_path_factory: pytest.TempPathFactory) -> HungUpServer:
    directory: Path = tmp_path_factory.mktemp("hang-ups")
    report = directory / "root-handlers.json"
    wrapped = ("-c", ROOT_HANDLERS_AT_EXIT, str(report))
    with demo_server(directory, clarus=wrapped) as server:
        token = client_credentials_token(server, resource=None)
        before = query(server, token)
        for _ in range(HANG_UPS):
            hang_up(server, token, "/api/products", json.dumps(PRODUCT).encode(), sent=10)
            hang_up(server, token, "/graphql", json.dumps(QUERY).encode())
        next_answer = query(server, token)
    return HungUpServer(
        before,
        next_answer,
        (directory / "server.log").read_text(),
        json.loads(report.read_text()),
    )


def test_the_next_client_is_answered(hung_up_on: HungUpServer) -> None:
    assert hung_up_on.before.status_code == 200, hung_up_on.before.text
    assert hung_up_on.next_answer.status_code == 200, hung_up_on.next_answer.text
    assert hung_up_on.next_answer.json() == hung_up_on.before.json()
    assert "errors" not in hung_up_on.before.json()


def test_the_root_logger_keeps_no_handler_of_the_mcp_sdk(hung_up_on: HungUpServer) -> None:
    """Clarus gives the root logger no handler, so none is left: no rich traceback renderer."""
    assert hung_up_on.root_handlers == []


def test_a_hang_up_is_one_line_at_info_and_no_error(hung_up_on: HungUpServer) -> None:
    """Each request whose client hung up before its body came is logged once, without a
    traceback; nothing is logged as an error of the application."""
    log = hung_up_on.log
    assert "Exception in ASGI application" not in log
    assert "Traceback" not in log
    assert "ClientDisconnect" not in log
    hung_up = [
        line
        for line in log.splitlines()
        if line.startswith("client hung up before the answer: POST /api/products (request ")
    ]
    assert len(hung_up) == HANG_UPS, log
