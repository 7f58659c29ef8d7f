"""The load and fault proofs, short: `scripts/load --quick` (two servers, two workers, three
tenants, 15 s) and the kill -9 of a worker under load. They need PostgreSQL, so they run in
the PostgreSQL pass of the suite only (`CLARUS_TEST_DATABASE_URL=postgresql://...`)."""

from __future__ import annotations

import os
import socket

import pytest
from sqlalchemy.engine import make_url

from proof import faults, load
from proof.cluster import ClusterError, server_binaries
from tests.conftest import TEST_DATABASE_URL_ENV

pytestmark = pytest.mark.slow

POSTGRES_ADDRESS = ("127.0.0.1", 5432)


def _admin_url() -> str:
    admin_url = os.environ.get(TEST_DATABASE_URL_ENV, "")
    if not admin_url or make_url(admin_url).get_backend_name() != "postgresql":
        pytest.skip("the load proofs run in the PostgreSQL pass only (CLARUS_TEST_DATABASE_URL)")
    try:
        socket.create_connection(POSTGRES_ADDRESS, timeout=2).close()
    except OSError:
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    return admin_url


def test_a_quick_load_has_no_errors_and_loses_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    admin_url = _admin_url()
    code = load.run(["--quick", "--postgres-admin-url", admin_url])
    assert code == 0, capsys.readouterr().out


def test_killing_a_worker_mid_delivery_loses_no_event(capsys: pytest.CaptureFixture[str]) -> None:
    _admin_url()
    try:
        server_binaries()
    except ClusterError as missing:
        pytest.skip(f"no private PostgreSQL cluster: {missing}")
    code = faults.run(["--scenarios", "worker", "--seconds", "12", "--fault-after", "4"])
    assert code == 0, capsys.readouterr().out
