"""`clarus serve --demo` as a real server in a subprocess, for the tests that need one (a
browser, the README's curl commands)."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.cli.test_cli import free_port, read_lines, wait_for_line, wait_until_serving


@dataclass(frozen=True)
class DemoServer:
    base_url: str
    client_id: str
    client_secret: str
    directory: Path
    """Where it runs: its SQLite file is `clarus.db` here."""
    env: dict[str, str]
    """The environment it runs with (no `CLARUS_` variable of the tests')."""
    output: queue.Queue[str | None]
    """Its standard output from the line after `supervisor:` on; `None` once it closed."""
    app_users: dict[str, tuple[str, str]] = field(default_factory=dict)
    """The operator app's demo users by role (`operator`, `supervisor`): email and password."""


def _email_and_password(line: str) -> tuple[str, str]:
    """`operator:      operator@demo.example.com / <password>`"""
    _role, email, _slash, password = line.split()
    return email, password


CLARUS_MAIN = ("-m", "clarus.cli.main")
"""What the interpreter runs for `clarus`: the CLI's module."""


@contextmanager
def demo_server(
    directory: Path,
    settings: Mapping[str, str] | None = None,
    *,
    clarus: Sequence[str] = CLARUS_MAIN,
) -> Iterator[DemoServer]:
    """`clarus serve --demo` on a free loopback port, in `directory`, stopped on leaving; with
    the `CLARUS_` variables `settings` names (none of the tests' own). `clarus` is what the
    interpreter is given to run the CLI (a test may wrap it, to look inside the process)."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("CLARUS_")}
    env.update(settings or {})
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env["PYTHONPATH"] = str(Path(__file__).parents[1])
    command = [sys.executable, *clarus, "serve", "--demo", "--port", str(port)]
    lines: queue.Queue[str | None] = queue.Queue()
    with (
        (directory / "server.log").open("w") as log,
        subprocess.Popen(
            command, cwd=directory, env=env, stdout=subprocess.PIPE, stderr=log, text=True
        ) as server,
    ):
        assert server.stdout is not None
        reader = threading.Thread(target=read_lines, args=(server.stdout, lines), daemon=True)
        reader.start()
        try:
            client_id = wait_for_line(lines, "client_id:", timeout=60).split()[-1]
            client_secret = wait_for_line(lines, "client_secret:", timeout=60).split()[-1]
            app_users = {
                role: _email_and_password(wait_for_line(lines, f"{role}:", timeout=60))
                for role in ("operator", "supervisor")
            }
            wait_until_serving(port, timeout=60)
            yield DemoServer(
                f"http://127.0.0.1:{port}",
                client_id,
                client_secret,
                directory,
                env,
                lines,
                app_users,
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        reader.join(timeout=5)
