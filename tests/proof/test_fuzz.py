"""The bounded fuzz runs CI makes against a real server, on this run's database backend
(`scripts/fuzz` runs them longer): schemathesis over every operation of our OpenAPI document,
and schemathesis's GraphQL mode over every root field of the GraphQL schema."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from proof.fuzz import fuzz
from tests.conftest import (
    TEST_DATABASE_URL_ENV,
    _create_postgres_database,
    _drop_postgres_database,
)

pytestmark = pytest.mark.slow

SEED = 20261127
"""Fixed, so that a CI run is repeatable; `scripts/fuzz --seed N` replays another."""


@pytest.mark.parametrize(
    ("target", "examples_per_operation"),
    [("rest", 5), ("graphql", 3)],
)
def test_a_bounded_fuzz_run_finds_no_5xx_and_no_broken_response(
    tmp_path: Path, target: str, examples_per_operation: int
) -> None:
    def run(url: str) -> int:
        return fuzz(
            url, max_examples=examples_per_operation, workers=2, seed=SEED, targets=(target,)
        )

    admin_url = os.environ.get(TEST_DATABASE_URL_ENV)
    if admin_url and make_url(admin_url).get_backend_name() == "postgresql":
        url = asyncio.run(_create_postgres_database(admin_url))
        try:
            assert run(url) == 0
        finally:
            asyncio.run(_drop_postgres_database(admin_url, url))
    else:
        assert run(f"sqlite:///{tmp_path / 'fuzz.db'}") == 0
