"""The servers under test as real subprocesses on loopback, always stopped by their owner.

Each server runs in its own process group so that it can be stopped, with anything it spawned,
by the id of the process this module started, and never by a name.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
UNLIMITED = "1000000"
STARTUP_SECONDS = 60.0
DEMO_SECONDS = 240.0
"""`clarus demo` migrates a new database first: minutes on PostgreSQL on a busy machine."""
STOP_SECONDS = 10.0
_SCRUBBED_ENV_PREFIXES = ("UVICORN_", "CLARUS_")
_SCRUBBED_ENV = frozenset({"WEB_CONCURRENCY", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"})
REPO_ROOT = Path(__file__).resolve().parent.parent


class ServerError(RuntimeError):
    """A server or `clarus demo` could not be started or answered wrongly."""


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str
    tenant: str


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def python_path() -> str:
    """This checkout first on the import path, so that `clarus demo` and `clarus serve` run the
    code beside the benchmark even when the installed `clarus` points at another checkout."""
    inherited = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    return os.pathsep.join(dict.fromkeys(path for path in (str(REPO_ROOT), *inherited) if path))


def server_environment(database_url: str) -> dict[str, str]:
    """A clean environment: no stray uvicorn/Clarus settings, no rate limit to speak of, and
    this checkout's `clarus` package."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name.upper() not in _SCRUBBED_ENV and not name.upper().startswith(_SCRUBBED_ENV_PREFIXES)
    }
    env.update(
        CLARUS_DATABASE_URL=database_url,
        CLARUS_RATE_LIMIT_PER_SECOND=UNLIMITED,
        CLARUS_RATE_LIMIT_BURST=UNLIMITED,
        BENCH_DATABASE_URL=database_url,
        PYTHONPATH=python_path(),
        PYTHONUNBUFFERED="1",
    )
    return env


def clarus_executable() -> list[str]:
    """The `clarus` entry point of the running interpreter's environment, or, where it is not
    installed, `python -m clarus.cli.main` (the servers import this checkout either way)."""
    beside = Path(sys.executable).with_name("clarus")
    found = str(beside) if beside.exists() else shutil.which("clarus")
    return [sys.executable, "-m", "clarus.cli.main"] if found is None else [found]


def uvicorn_command(app: str, port: int, *, access_log: bool) -> list[str]:
    """uvicorn with the options `clarus serve` uses: one worker, log level info, a factory."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--factory",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "info",
        "--no-proxy-headers",
        "--access-log" if access_log else "--no-access-log",
    ]


def clarus_command(database_url: str, port: int, *, access_log: bool) -> list[str]:
    """`clarus serve` (its access log cannot be turned off), or the same app under uvicorn."""
    if access_log:
        return [
            *clarus_executable(),
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--database-url",
            database_url,
        ]
    return uvicorn_command("clarus.api.asgi:app_from_environment", port, access_log=False)


def yardstick_command(port: int, *, access_log: bool) -> list[str]:
    return uvicorn_command("bench.yardstick:create_app", port, access_log=access_log)


def create_demo(database_url: str, base_url: str, work_dir: Path) -> Credentials:
    """`clarus demo --json`: migrate, then make the `demo` tenant and a client with a secret."""
    completed = subprocess.run(
        [
            *clarus_executable(),
            "demo",
            "--database-url",
            database_url,
            "--base-url",
            base_url,
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=DEMO_SECONDS,
        check=False,
        cwd=work_dir,
        env=server_environment(database_url),
    )
    if completed.returncode != 0:
        raise ServerError(f"clarus demo failed:\n{completed.stderr.strip()}")
    data: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return Credentials(data["client_id"], data["client_secret"], data["tenant"])


def start(name: str, command: list[str], *, port: int, database_url: str, log_path: Path) -> Server:
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=server_environment(database_url),
            start_new_session=True,
            cwd=REPO_ROOT,
        )
    return Server(name, process, port, log_path)


def log_tail(server: Server, lines: int = 20) -> str:
    try:
        text = server.log_path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def wait_until_ready(server: Server, path: str = "/healthz") -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=2.0) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise ServerError(
                    f"{server.name} exited with {server.process.returncode}:\n{log_tail(server)}"
                )
            try:
                if client.get(path).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise ServerError(
        f"{server.name} did not answer {path} within {STARTUP_SECONDS:.0f}s:\n{log_tail(server)}"
    )


def stop(server: Server) -> None:
    """SIGTERM the server's process group, then SIGKILL it if it lingers."""
    process = server.process
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, STOP_SECONDS), (signal.SIGKILL, STOP_SECONDS)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def log_errors(server: Server, limit: int = 5) -> list[str]:
    """The server log's distinct errors: `ERROR:` lines and each traceback's exception line,
    with how often each occurred."""
    try:
        lines = server.log_path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    found: Counter[str] = Counter()
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback"):
            in_traceback = True
        elif in_traceback and line and not line[0].isspace():
            in_traceback = False
            found[line.strip()[:200]] += 1
        elif line.startswith("ERROR:"):
            found[line.strip()[:200]] += 1
    return [f"{count}x {line}" for line, count in found.most_common(limit)]


def cpu_seconds(server: Server) -> float | None:
    """The user + system CPU time the server process has used so far (Linux /proc), or None."""
    try:
        stat = Path(f"/proc/{server.process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")
