"""`scripts/fuzz`: schemathesis against a real `clarus serve` on a fresh database, with a
token of every scope for the `demo` tenant, over two targets:

- `rest`: every operation of our `/openapi.json` (REST and `POST /graphql` as one operation);
  it fails on any 5xx and on any response that breaks its documented status code, content type
  or schema;
- `graphql`: schemathesis's GraphQL mode on `/graphql`, which reads the schema by introspection
  and generates queries for every root field with their arguments and selections; it fails on
  any 5xx, any masked internal error, and any answer that is not a GraphQL response
  (`proof/graphql_checks.py`).

Bounded by `--max-examples` per operation: a small number in CI, a large one for a long run
(see the README)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.servers import (
    HOST,
    REPO_ROOT,
    Server,
    create_demo,
    free_port,
    python_path,
    server_environment,
    stop,
    uvicorn_command,
    wait_until_ready,
)


@dataclass(frozen=True)
class Target:
    path: str
    checks: tuple[str, ...]
    phases: tuple[str, ...]
    options: tuple[str, ...] = ()
    hooks: str | None = None
    """A module of our own checks, loaded by schemathesis through `SCHEMATHESIS_HOOKS`."""


TARGETS = {
    "rest": Target(
        "/openapi.json",
        checks=(
            "not_a_server_error",
            "status_code_conformance",
            "content_type_conformance",
            "response_schema_conformance",
        ),
        phases=("examples", "fuzzing"),
        options=("--exclude-path-regex", "^/oauth"),
    ),
    "graphql": Target(
        "/graphql",
        checks=("not_a_server_error", "graphql_response_conformance"),
        phases=("fuzzing",),
        hooks="proof.graphql_checks",
    ),
}


def schemathesis_executable() -> str:
    beside = Path(sys.executable).with_name("schemathesis")
    found = str(beside) if beside.exists() else shutil.which("schemathesis")
    if found is None:
        raise SystemExit("schemathesis is not installed (pip install '.[test]')")
    return found


def start_server(database_url: str, work_dir: Path) -> Server:
    """The app as `clarus serve` runs it, without its webhook worker (nothing is subscribed,
    and the fuzz run should measure the API alone)."""
    port = free_port()
    log_path = work_dir / "server.log"
    environment = {
        **server_environment(database_url),
        "CLARUS_WEBHOOK_WORKER_IN_PROCESS": "false",
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            uvicorn_command("clarus.api.asgi:app_from_environment", port, access_log=False),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
            cwd=REPO_ROOT,
        )
    return Server("clarus", process, port, log_path)


def token(server: Server, client_id: str, client_secret: str) -> str:
    response = httpx.post(
        f"{server.base_url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, client_secret),
        trust_env=False,
    )
    response.raise_for_status()
    access_token: str = response.json()["access_token"]
    return access_token


def fuzz(
    database_url: str,
    *,
    max_examples: int,
    workers: int,
    seed: int | None,
    targets: Sequence[str] = tuple(TARGETS),
) -> int:
    """0 if every target's schemathesis run passed, else the first failing run's exit code."""
    with tempfile.TemporaryDirectory(prefix="clarus-fuzz-") as directory:
        work_dir = Path(directory)
        credentials = create_demo(database_url, f"http://{HOST}", work_dir)
        server = start_server(database_url, work_dir)
        try:
            wait_until_ready(server)
            bearer = token(server, credentials.client_id, credentials.client_secret)
            headers = (
                f"Authorization: Bearer {bearer}",
                f"X-Clarus-Subdomain: {credentials.tenant}",
            )
            for name in targets:
                code = run_schemathesis(
                    TARGETS[name],
                    server,
                    headers,
                    work_dir,
                    max_examples=max_examples,
                    workers=workers,
                    seed=seed,
                )
                if code != 0:
                    return code
            return 0
        finally:
            stop(server)


def run_schemathesis(
    target: Target,
    server: Server,
    headers: Sequence[str],
    work_dir: Path,
    *,
    max_examples: int,
    workers: int,
    seed: int | None,
) -> int:
    """One schemathesis run, in `work_dir` so that its cache of failures stays out of the
    repository."""
    command = [
        schemathesis_executable(),
        "run",
        f"{server.base_url}{target.path}",
        *(argument for header in headers for argument in ("--header", header)),
        "--checks",
        ",".join(target.checks),
        "--phases",
        ",".join(target.phases),
        "--max-examples",
        str(max_examples),
        "--workers",
        str(workers),
        *target.options,
        *(["--seed", str(seed)] if seed is not None else []),
    ]
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": python_path()}
    if target.hooks is not None:
        environment["SCHEMATHESIS_HOOKS"] = target.hooks
    return subprocess.run(command, check=False, env=environment, cwd=work_dir).returncode


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        help="a migrated or empty database (default: a new SQLite file)",
    )
    parser.add_argument("--max-examples", type=int, default=10, help="cases per operation")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int)
    parser.add_argument(
        "--target",
        choices=tuple(TARGETS),
        action="append",
        help="rest or graphql (default: both, one after the other)",
    )
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="clarus-fuzz-db-") as directory:
        database_url = arguments.database_url or f"sqlite:///{Path(directory) / 'fuzz.db'}"
        raise SystemExit(
            fuzz(
                database_url,
                max_examples=arguments.max_examples,
                workers=arguments.workers,
                seed=arguments.seed,
                targets=arguments.target or tuple(TARGETS),
            )
        )


if __name__ == "__main__":
    main()
