from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from clarus.api.app import create_app
from clarus.core.db import Database
from tests.conftest import make_settings
from tests.support import ApiClientFactory


@pytest.fixture
async def private_clients(database_url: str, db: Database) -> AsyncIterator[ApiClientFactory]:
    """Callers of an app that lets webhooks go to private addresses (local development)."""
    app = create_app(make_settings(database_url, webhook_allow_private_targets=True))
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
            yield ApiClientFactory(http, app.state.db)
    finally:
        await app.state.db.dispose()
