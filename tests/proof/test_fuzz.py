"""The bounded fuzz run CI makes: schemathesis over every operation of our OpenAPI document
against a real server, on this run's database backend (`scripts/fuzz` runs it longer)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sqlalchemy.engine import make_url

from proof.fuzz import fuzz
from tests.conftest import (
    TEST_DATABASE_URL_ENV,
    _create_postgres_database,
    _drop_postgres_database,
)

EXAMPLES_PER_OPERATION = 5
SEED = 20261127
"""Fixed, so that a CI run is repeatable; `scripts/fuzz --seed N` replays another."""


def test_a_bounded_fuzz_run_finds_no_5xx_and_no_broken_response(tmp_path: Path) -> None:
    admin_url = os.environ.get(TEST_DATABASE_URL_ENV)
    if admin_url and make_url(admin_url).get_backend_name() == "postgresql":
        url = asyncio.run(_create_postgres_database(admin_url))
        try:
            assert fuzz(url, max_examples=EXAMPLES_PER_OPERATION, workers=2, seed=SEED) == 0
        finally:
            asyncio.run(_drop_postgres_database(admin_url, url))
    else:
        url = f"sqlite:///{tmp_path / 'fuzz.db'}"
        assert fuzz(url, max_examples=EXAMPLES_PER_OPERATION, workers=2, seed=SEED) == 0
