"""The `clarus` command: tenants, clients, users, the demo tenant and `serve --demo`.

The commands run their own event loop (`asyncio.run`), so these tests are synchronous and check
the outcome through the HTTP API of a fresh app, or the database, each in a loop of its own."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import httpx
import pytest
from click.testing import Result
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from clarus import __version__
from clarus.api.application import create_app
from clarus.auth.models import ApiClient, User
from clarus.cli.main import app as cli
from clarus.core.db import Database
from clarus.masterdata.models import Account, Warehouse
from clarus.tenancy.models import Tenant
from tests.conftest import make_settings
from tests.support import without_cost

T = TypeVar("T")
UNAUTHENTICATED = {"error": "Invalid or expired access token, or unknown subdomain."}
ACCOUNTS_QUERY = "{ accounts { all { edges { node { code name } } } } }"
DEMO_BASE_URL = "http://127.0.0.1:8000"
BASE_URL = "http://clarus.test"
runner = CliRunner()


def clarus(database_url: str, *args: str) -> Result:
    return runner.invoke(cli, [*args, "--database-url", database_url])


def printed_json(result: Result) -> dict[str, Any]:
    """The one JSON object a `--json` command prints, after checking it succeeded."""
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1, result.stdout
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def new_subdomain() -> str:
    return f"cli-{uuid.uuid4().hex[:12]}"


def create_tenant(database_url: str) -> str:
    subdomain = new_subdomain()
    printed_json(clarus(database_url, "tenant", "create", subdomain, "--name", "Acme", "--json"))
    return subdomain


def create_client(database_url: str, subdomain: str, *options: str) -> dict[str, Any]:
    return printed_json(
        clarus(
            database_url,
            "client",
            "create",
            "--tenant",
            subdomain,
            "--name",
            "ERP",
            "--json",
            *options,
        )
    )


def with_api(database_url: str, work: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
    """Run `work` against a fresh app on the test database, in an event loop of its own."""

    async def main() -> T:
        app = create_app(make_settings(database_url))
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
                return await work(http)
        finally:
            await app.state.db.dispose()

    return asyncio.run(main())


def with_session(database_url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def main() -> T:
        db = Database(make_settings(database_url))
        try:
            async with db.read_session() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(main())


def request_token(
    database_url: str, client_id: str, client_secret: str, **form: str
) -> httpx.Response:
    async def work(http: httpx.AsyncClient) -> httpx.Response:
        return await http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials", **form},
            auth=(client_id, client_secret),
        )

    return with_api(database_url, work)


def list_accounts(database_url: str, token: str, subdomain: str) -> httpx.Response:
    async def work(http: httpx.AsyncClient) -> httpx.Response:
        return await http.post(
            "/graphql",
            json={"query": ACCOUNTS_QUERY},
            headers={"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": subdomain},
        )

    return with_api(database_url, work)


def stored_client(database_url: str, client_id: str) -> tuple[ApiClient, User]:
    async def work(session: AsyncSession) -> tuple[ApiClient, User]:
        client = (
            await session.execute(select(ApiClient).where(ApiClient.client_id == client_id))
        ).scalar_one()
        user = await session.get(User, client.user_id)
        assert user is not None
        return client, user

    return with_session(database_url, work)


def tenant_count(database_url: str, subdomain: str | None = None) -> int:
    """How many tenants have this subdomain, or how many there are."""

    async def work(session: AsyncSession) -> int:
        statement = select(func.count()).select_from(Tenant)
        if subdomain is not None:
            statement = statement.where(Tenant.subdomain == subdomain)
        return (await session.execute(statement)).scalar_one()

    return with_session(database_url, work)


# db and tenants


def test_db_upgrade_reports_the_schema_is_current(database_url: str) -> None:
    result = clarus(database_url, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert result.stdout == "database is up to date\n"


def test_tenant_create_prints_one_json_object(database_url: str) -> None:
    subdomain = new_subdomain()
    data = printed_json(
        clarus(database_url, "tenant", "create", subdomain, "--name", "Acme Ltd", "--json")
    )
    assert set(data) == {"id", "subdomain", "name"}
    assert isinstance(data["id"], int)
    assert (data["subdomain"], data["name"]) == (subdomain, "Acme Ltd")
    assert tenant_count(database_url, subdomain) == 1


def test_tenant_create_prints_a_line_without_json(database_url: str) -> None:
    subdomain = new_subdomain()
    result = clarus(database_url, "tenant", "create", subdomain, "--name", "Acme Ltd")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"created tenant {subdomain} (id ")


def test_a_taken_subdomain_is_refused(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    result = clarus(database_url, "tenant", "create", subdomain, "--name", "Again", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: The subdomain '{subdomain}' is taken.\n"
    assert tenant_count(database_url, subdomain) == 1


@pytest.mark.parametrize(
    "subdomain", ["Bad_Sub", "", "trailing-", "a" * 64, "dot.ted", "newline\n", "nul\x00"]
)
def test_an_invalid_subdomain_is_refused(database_url: str, subdomain: str) -> None:
    tenants_before = tenant_count(database_url)
    result = clarus(database_url, "tenant", "create", subdomain, "--name", "Bad", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {subdomain!r} is not a valid subdomain: use 1-63 lowercase letters, digits and"
        " hyphens, not starting or ending with a hyphen.\n"
    )
    assert tenant_count(database_url) == tenants_before


# clients


def test_client_create_prints_credentials_that_work(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    data = create_client(database_url, subdomain, "--scopes", "read,write")
    assert set(data) == {"client_id", "client_secret", "tenant", "scopes"}
    assert data["client_id"].startswith("cl_")
    assert data["client_secret"].startswith("cs_")
    assert (data["tenant"], data["scopes"]) == (subdomain, "read write")

    issued = request_token(database_url, data["client_id"], data["client_secret"])
    assert issued.status_code == 200, issued.text
    assert issued.json()["scope"] == "read write"
    listed = list_accounts(database_url, issued.json()["access_token"], subdomain)
    assert without_cost(listed.json()) == {"data": {"accounts": {"all": {"edges": []}}}}
    beyond = request_token(database_url, data["client_id"], data["client_secret"], scope="admin")
    assert beyond.status_code == 400
    assert beyond.json()["error"] == "invalid_scope"


def test_only_a_hash_of_the_client_secret_is_stored(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    data = create_client(database_url, subdomain)
    client, user = stored_client(database_url, data["client_id"])
    secret = data["client_secret"]
    assert client.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    row = {column.key: getattr(client, column.key) for column in ApiClient.__table__.columns}
    assert [name for name, value in row.items() if secret in str(value)] == []
    assert client.scopes == "read write admin"
    assert client.name == "ERP"
    assert (user.user_type, user.password_hash) == ("api", None)


def test_client_create_prints_the_secret_once_in_text(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    result = clarus(
        database_url, "client", "create", "--tenant", subdomain, "--name", "ERP", "--scopes", "read"
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "client_id",
        "client_secret",
        "tenant",
        "scopes",
    ]
    assert lines[1].endswith("(shown once)")
    assert lines[2:] == [f"tenant:        {subdomain}", "scopes:        read"]


@pytest.mark.parametrize(
    ("scopes", "message"),
    [("read,bogus", "Unknown scopes: bogus."), ("", "A client needs at least one scope.")],
)
def test_client_create_refuses_unknown_or_no_scopes(
    database_url: str, scopes: str, message: str
) -> None:
    subdomain = create_tenant(database_url)
    result = clarus(
        database_url,
        "client",
        "create",
        "--tenant",
        subdomain,
        "--name",
        "ERP",
        "--scopes",
        scopes,
        "--json",
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"


@pytest.mark.parametrize("subdomain", ["cli-no-such-tenant", "Not a subdomain", "nul\x00"])
def test_client_create_refuses_an_unknown_tenant(database_url: str, subdomain: str) -> None:
    tenants_before = tenant_count(database_url)
    result = clarus(
        database_url, "client", "create", "--tenant", subdomain, "--name", "ERP", "--json"
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"no tenant {subdomain!r}" in result.stderr
    assert tenant_count(database_url) == tenants_before


def test_client_revoke_refuses_its_tokens_and_secret(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    redirect_uri = "https://app.example.com/callback"
    data = create_client(database_url, subdomain, "--redirect-uri", redirect_uri)
    token = request_token(database_url, data["client_id"], data["client_secret"]).json()[
        "access_token"
    ]
    assert list_accounts(database_url, token, subdomain).status_code == 200

    revoked = printed_json(clarus(database_url, "client", "revoke", data["client_id"], "--json"))
    assert revoked == {"client_id": data["client_id"], "revoked": True}

    refused = list_accounts(database_url, token, subdomain)
    assert refused.status_code == 401
    assert refused.json() == UNAUTHENTICATED
    again = request_token(database_url, data["client_id"], data["client_secret"])
    assert again.status_code == 401
    assert again.json() == {
        "error": "invalid_client",
        "error_description": "Client authentication failed.",
    }
    page = sign_in(database_url, data["client_id"], redirect_uri, "ann@example.com", "pass")
    assert page.status_code == 400
    assert "Unknown client." in page.text


def test_client_revoke_of_an_unknown_client_fails(database_url: str) -> None:
    result = clarus(database_url, "client", "revoke", "cl_unknown", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "error: no client 'cl_unknown'\n"


# users


def sign_in(
    database_url: str, client_id: str, redirect_uri: str, email: str, password: str
) -> httpx.Response:
    """Sign in on the consent page and allow; a 302 carrying a code means the password worked."""

    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": "s",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
    }

    async def work(http: httpx.AsyncClient) -> httpx.Response:
        await http.get("/oauth/authorize", params=params)
        form = {**params, "email": email, "password": password, "decision": "allow"}
        if "clarus_csrf" in http.cookies:
            form["csrf_token"] = http.cookies["clarus_csrf"]
        return await http.post("/oauth/authorize", data=form)

    return with_api(database_url, work)


def create_user(database_url: str, subdomain: str, email: str) -> Result:
    return clarus(
        database_url,
        "user",
        "create",
        "--tenant",
        subdomain,
        "--email",
        email,
        "--password",
        "s3cret-pass",
        "--name",
        "Ann",
        "--json",
    )


def test_user_create_makes_a_person_who_can_sign_in(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    redirect_uri = "https://app.example.com/callback"
    client = create_client(database_url, subdomain, "--redirect-uri", redirect_uri)
    data = printed_json(create_user(database_url, subdomain, "ann@example.com"))
    assert set(data) == {"id", "email", "tenant"}
    assert (data["email"], data["tenant"]) == ("ann@example.com", subdomain)
    allowed = sign_in(
        database_url, client["client_id"], redirect_uri, "ann@example.com", "s3cret-pass"
    )
    assert allowed.status_code == 302
    assert allowed.headers["Location"].startswith(f"{redirect_uri}?code=ac_")
    refused = sign_in(database_url, client["client_id"], redirect_uri, "ann@example.com", "nope")
    assert refused.status_code == 401


def test_user_create_refuses_a_taken_email(database_url: str) -> None:
    subdomain, other = create_tenant(database_url), create_tenant(database_url)
    printed_json(create_user(database_url, subdomain, "ann@example.com"))
    again = create_user(database_url, subdomain, "ann@example.com")
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr == "error: The email 'ann@example.com' is taken in this tenant.\n"
    assert printed_json(create_user(database_url, other, "ann@example.com"))["tenant"] == other


def test_user_create_refuses_an_unknown_tenant(database_url: str) -> None:
    subdomain = new_subdomain()
    result = create_user(database_url, subdomain, "ann@example.com")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"no tenant '{subdomain}'" in result.stderr


# demo


def demo_rows(database_url: str) -> dict[str, Any]:
    async def work(session: AsyncSession) -> dict[str, Any]:
        tenants = (
            (await session.execute(select(Tenant).where(Tenant.subdomain == "demo")))
            .scalars()
            .all()
        )
        assert len(tenants) == 1
        tenant_id = tenants[0].id

        async def count(model: type[Any], **criteria: object) -> int:
            statement = (
                select(func.count()).select_from(model).filter_by(tenant_id=tenant_id, **criteria)
            )
            return (await session.execute(statement)).scalar_one()

        clients = (
            (
                await session.execute(
                    select(ApiClient).filter_by(tenant_id=tenant_id, name="Demo integration")
                )
            )
            .scalars()
            .all()
        )
        return {
            "clients": [(client.client_id, client.redirect_uris.split()) for client in clients],
            "warehouses": await count(Warehouse, code="MAIN"),
            "accounts": await count(Account, code="DEMO"),
            "users": await count(User, email="admin@demo.example.com"),
        }

    return with_session(database_url, work)


def test_demo_is_idempotent_and_renews_its_secrets(database_url: str) -> None:
    first = printed_json(clarus(database_url, "demo", "--json"))
    second = printed_json(clarus(database_url, "demo", "--json"))
    assert set(second) == {
        "tenant",
        "client_id",
        "client_secret",
        "user_email",
        "user_password",
        "base_url",
        "account_id",
        "warehouse_id",
        "stock_unit_type_id",
        "storage_unit_type_id",
        "app_url",
        "app_users",
    }
    assert (second["tenant"], second["user_email"], second["base_url"]) == (
        "demo",
        "admin@demo.example.com",
        DEMO_BASE_URL,
    )
    assert second["client_id"] == first["client_id"]
    assert second["client_secret"] != first["client_secret"]
    assert second["user_password"] != first["user_password"]
    redirect_uri = f"{DEMO_BASE_URL}/docs/oauth2-redirect"
    assert demo_rows(database_url) == {
        "clients": [(second["client_id"], [redirect_uri])],
        "warehouses": 1,
        "accounts": 1,
        "users": 1,
    }

    stale = request_token(database_url, first["client_id"], first["client_secret"])
    assert stale.status_code == 401
    issued = request_token(database_url, second["client_id"], second["client_secret"])
    assert issued.status_code == 200, issued.text
    assert issued.json()["scope"] == "read write admin"
    listed = list_accounts(database_url, issued.json()["access_token"], "demo")
    assert without_cost(listed.json()) == {
        "data": {
            "accounts": {"all": {"edges": [{"node": {"code": "DEMO", "name": "Demo account"}}]}}
        }
    }

    client_id, email = second["client_id"], second["user_email"]
    old_password = sign_in(database_url, client_id, redirect_uri, email, first["user_password"])
    assert old_password.status_code == 401
    new_password = sign_in(database_url, client_id, redirect_uri, email, second["user_password"])
    assert new_password.status_code == 302


DEMO_STOCK_QUERY = (
    "{ stock_unit_types { all { edges { node { code } } } }"
    " storage_unit_types { all { edges { node { code } } } }"
    " stocks { all { edges { node { quantity product { code } location { code } } } } } }"
)
DEMO_STOCK = {
    "stock_unit_types": {"all": {"edges": [{"node": {"code": "EACH"}}]}},
    "storage_unit_types": {"all": {"edges": [{"node": {"code": "PALLET"}}]}},
    "stocks": {
        "all": {
            "edges": [
                {
                    "node": {
                        "quantity": 100.0,
                        "product": {"code": "WIDGET-RED"},
                        "location": {"code": "A-01-01"},
                    }
                },
                {
                    "node": {
                        "quantity": 50.0,
                        "product": {"code": "WIDGET-BLUE"},
                        "location": {"code": "A-01-02"},
                    }
                },
                {
                    "node": {
                        "quantity": 20.0,
                        "product": {"code": "GADGET"},
                        "location": {"code": "SIM-STORAGE"},
                    }
                },
            ]
        }
    },
}


def demo_query(database_url: str, demo: dict[str, Any], query: str) -> dict[str, Any]:
    """`query` as the demo client printed in `demo` (`clarus demo --json`); its data."""
    token = request_token(database_url, demo["client_id"], demo["client_secret"])
    assert token.status_code == 200, token.text

    async def work(http: httpx.AsyncClient) -> httpx.Response:
        return await http.post(
            "/graphql",
            json={"query": query},
            headers={
                "Authorization": f"Bearer {token.json()['access_token']}",
                "X-Clarus-Subdomain": "demo",
            },
        )

    response = with_api(database_url, work)
    assert response.status_code == 200, response.text
    assert "errors" not in response.json(), response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def test_demo_has_unit_types_and_stock_once(database_url: str) -> None:
    """The demo's unit types, products and stock, made once: a second run adds nothing."""
    printed_json(clarus(database_url, "demo", "--reset", "--json"))
    first = printed_json(clarus(database_url, "demo", "--json"))
    assert demo_query(database_url, first, DEMO_STOCK_QUERY) == DEMO_STOCK
    again = printed_json(clarus(database_url, "demo", "--json"))
    assert demo_query(database_url, again, DEMO_STOCK_QUERY) == DEMO_STOCK
    assert {key: again[key] for key in ("account_id", "warehouse_id", "stock_unit_type_id")} == {
        key: first[key] for key in ("account_id", "warehouse_id", "stock_unit_type_id")
    }


def test_demo_reset_starts_the_demo_anew(database_url: str) -> None:
    """`clarus demo --reset`: what was added to the demo is gone, the old client is unknown,
    the demo is as new; other tenants are untouched."""
    before = printed_json(clarus(database_url, "demo", "--json"))
    other = new_subdomain()
    assert clarus(database_url, "tenant", "create", other, "--name", "Other").exit_code == 0
    token = request_token(database_url, before["client_id"], before["client_secret"])

    async def add_account(http: httpx.AsyncClient) -> httpx.Response:
        return await http.post(
            "/api/accounts",
            json={"data": {"type": "accounts", "attributes": {"code": "EXTRA", "name": "Extra"}}},
            headers={
                "Authorization": f"Bearer {token.json()['access_token']}",
                "X-Clarus-Subdomain": "demo",
            },
        )

    assert with_api(database_url, add_account).status_code == 200
    after = printed_json(clarus(database_url, "demo", "--reset", "--json"))
    assert after["client_id"] != before["client_id"]
    stale = request_token(database_url, before["client_id"], before["client_secret"])
    assert stale.status_code == 401
    accounts = demo_query(database_url, after, ACCOUNTS_QUERY)
    assert accounts == {
        "accounts": {"all": {"edges": [{"node": {"code": "DEMO", "name": "Demo account"}}]}}
    }
    assert demo_query(database_url, after, DEMO_STOCK_QUERY) == DEMO_STOCK
    assert other in tenant_subdomains(database_url)


def tenant_subdomains(database_url: str) -> set[str]:
    async def work(session: AsyncSession) -> set[str]:
        return set((await session.execute(select(Tenant.subdomain))).scalars())

    return with_session(database_url, work)


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"clarus {__version__}\n"


# serve --demo, as the README starts


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def read_lines(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def wait_for_line(lines: queue.Queue[str | None], prefix: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if line.startswith(prefix):
            return line.rstrip("\n")
    raise AssertionError(f"no line starting with {prefix!r} in {''.join(seen)!r}")


def wait_until_serving(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as http:
        while time.monotonic() < deadline:
            try:
                if http.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
    raise AssertionError(f"nothing answers on port {port}")


def test_serve_demo_prints_a_command_that_calls_the_api(tmp_path: Path) -> None:
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name != "CLARUS_DATABASE_URL"}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    command = [str(Path(sys.executable).parent / "clarus"), "serve", "--demo", "--port", str(port)]
    lines: queue.Queue[str | None] = queue.Queue()
    with (
        (tmp_path / "server.log").open("w") as log,
        subprocess.Popen(
            command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=log, text=True
        ) as server,
    ):
        assert server.stdout is not None
        reader = threading.Thread(target=read_lines, args=(server.stdout, lines), daemon=True)
        reader.start()
        try:
            token_line = wait_for_line(lines, "TOKEN=", timeout=30)
            assert (tmp_path / "clarus.db").is_file()
            wait_until_serving(port, timeout=30)
            called = subprocess.run(
                ["bash", "-c", f"{token_line}; echo"],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        reader.join(timeout=5)
    assert called.returncode == 0, called.stderr
    assert without_cost(json.loads(called.stdout)) == {
        "data": {
            "accounts": {
                "all": {"edges": [{"node": {"id": "1", "code": "DEMO", "name": "Demo account"}}]}
            }
        }
    }
