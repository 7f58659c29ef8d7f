"""A private PostgreSQL cluster for the fault runs, so that restarting PostgreSQL touches no one
else's database: `initdb` in a temp dir, trust auth, loopback on a free port, started with
`pg_ctl`, and stopped and removed on every way out.

Run as root, `initdb` and `pg_ctl` run as the `postgres` user (PostgreSQL refuses root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.servers import HOST, free_port

PG_ROOTS = (Path("/usr/lib/postgresql"),)
SERVICE_USER = "postgres"
CTL_TIMEOUT_SECONDS = 60


class ClusterError(RuntimeError):
    """The private cluster could not be made, started or restarted."""


def server_binaries() -> Path:
    for root in PG_ROOTS:
        versions = sorted(root.glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
        if versions:
            return versions[-1].parent
    found = shutil.which("initdb")
    if found is None:
        raise ClusterError("initdb not found (install the PostgreSQL server package)")
    return Path(found).parent


@dataclass(frozen=True)
class Cluster:
    bin_dir: Path
    data_dir: Path
    port: int
    log_path: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql://{SERVICE_USER}@{HOST}:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", SERVICE_USER, "--"] if os.geteuid() == 0 else []
        completed = subprocess.run(
            [*prefix, *command],
            capture_output=True,
            text=True,
            timeout=CTL_TIMEOUT_SECONDS,
            check=False,
        )
        if completed.returncode != 0:
            raise ClusterError(f"{command[0]} failed: {completed.stderr.strip()[-500:]}")

    def pg_ctl(self, action: str, *options: str) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            action,
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_path),
            "-w",
            *options,
        )

    def start(self) -> None:
        settings = f"-p {self.port} -c listen_addresses={HOST} "
        settings += f"-c unix_socket_directories={self.data_dir.parent} -c max_connections=200"
        self.pg_ctl("start", "-o", settings)

    def restart(self, mode: str = "immediate") -> None:
        """Stop at once (`immediate`: no checkpoint, as a crash would) and start again."""
        self.pg_ctl("stop", "-m", mode)
        self.start()

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "immediate")


@contextmanager
def private_cluster() -> Iterator[Cluster]:
    bin_dir = server_binaries()
    with tempfile.TemporaryDirectory(prefix="clarus-pg-") as directory:
        home = Path(directory)
        if os.geteuid() == 0:
            shutil.chown(home, SERVICE_USER, SERVICE_USER)
        cluster = Cluster(bin_dir, home / "data", free_port(), home / "postgres.log")
        cluster._run(
            str(bin_dir / "initdb"), "-D", str(cluster.data_dir), "-A", "trust", "-U", SERVICE_USER
        )
        cluster.start()
        try:
            yield cluster
        finally:
            with suppress(ClusterError):
                cluster.stop()
