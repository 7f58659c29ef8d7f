"""The operator app's pages: which a role may open, the security headers of every answer, no
inline script or style anywhere (the CSP forbids them), assets served with cache-busting, and
every message a template names in the catalogue."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from clarus.api.app.headers import CONTENT_SECURITY_POLICY
from clarus.api.app.messages import ENGLISH
from clarus.auth.scopes import ALL_SCOPES
from clarus.core.db import Database
from clarus.inbound.statuses import ReceiptStatus
from clarus.outbound.statuses import GoodsOutStatus
from clarus.tasks.statuses import TaskType
from tests.api.app.support import AppUser, browser, new_app_user, sign_in, signed_in
from tests.support import ApiClientFactory

BUILT_KEYS = {
    "order_status.": [status.code for status in GoodsOutStatus],
    "receipt_status.": [status.value for status in ReceiptStatus],
    "task_type.": [task_type.value for task_type in TaskType],
    "scope.": list(ALL_SCOPES),
}
TEMPLATES = Path(__file__).parents[3] / "clarus" / "api" / "app" / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE)
ASSET = re.compile(r"""(?:src|href)="(/static/app/[^"]+)\"""")


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def test_an_operator_gets_the_handheld_menu_and_not_the_office(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    operator = await new_app_user(clients, db, permissions=("write",))
    await signed_in(http_browser, operator)
    home = await http_browser.get(f"{operator.root}/")
    assert (home.status_code, home.headers["location"]) == (303, f"{operator.root}/handheld")
    menu = await http_browser.get(f"{operator.root}/handheld")
    assert menu.status_code == 200
    labels = re.findall(r'<a class="button menu-item" href="([^"]+)">([^<]+)</a>', menu.text)
    assert labels == [
        (f"{operator.root}/handheld/receive", "Receive"),
        (f"{operator.root}/handheld/put-away", "Put away"),
        (f"{operator.root}/handheld/pick", "Pick"),
        (f"{operator.root}/handheld/dispatch", "Dispatch"),
        (f"{operator.root}/handheld/move", "Move"),
        (f"{operator.root}/handheld/count", "Count"),
        (f"{operator.root}/handheld/replenish", "Replenish"),
        (f"{operator.root}/handheld/load", "Load"),
    ]
    office = await http_browser.get(f"{operator.root}/office")
    assert office.status_code == 403
    assert "Your role does not allow this page." in office.text


async def test_a_role_without_scopes_opens_no_page(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    nobody = await new_app_user(clients, db, permissions=("goods_in.view",))
    await signed_in(http_browser, nobody)
    home = await http_browser.get(f"{nobody.root}/")
    assert home.status_code == 403
    assert "Your role gives you no page of the app." in home.text
    for path in ("/handheld", "/office"):
        assert (await http_browser.get(f"{nobody.root}{path}")).status_code == 403


async def test_a_missing_page_is_a_404_once_signed_in(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    await signed_in(http_browser, user)
    missing = await http_browser.get(f"{user.root}/no/such/page")
    assert missing.status_code == 404
    assert "There is no such page." in missing.text
    bad_subdomain = await http_browser.get("/app/Not_A_Subdomain!/sign-in")
    assert bad_subdomain.status_code == 404


async def pages_of(http: httpx.AsyncClient, user: AppUser) -> dict[str, httpx.Response]:
    """Every kind of answer the app gives: pages, refusals, redirects."""
    answers = {"sign-in": await http.get(f"{user.root}/sign-in")}
    answers["wrong password"] = await sign_in(http, user.subdomain, user.email, "wrong")
    answers["signed in"] = await sign_in(http, user.subdomain, user.email, user.password)
    for path in ("/", "/office", "/handheld", "/missing"):
        answers[path] = await http.get(f"{user.root}{path}")
    answers["forged"] = await http.post(f"{user.root}/sign-out", data={})
    return answers


async def test_every_answer_carries_the_security_headers(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    for name, response in (await pages_of(http_browser, user)).items():
        headers = response.headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, name
        assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
        assert headers["x-frame-options"] == "DENY", name
        assert headers["cache-control"] == "no-store", name
        assert headers["x-content-type-options"] == "nosniff", name


async def test_no_page_has_an_inline_script_or_style(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    pages = {
        name: response.text
        for name, response in (await pages_of(http_browser, user)).items()
        if response.headers.get("content-type", "").startswith("text/html")
    }
    assert {"sign-in", "wrong password", "/office", "/handheld", "/missing", "forged"} <= set(pages)
    for name, html in pages.items():
        assert INLINE_SCRIPT.findall(html) == [], name
        assert INLINE_STYLE.findall(html) == [], name
    for template in TEMPLATES.glob("*.html"):
        assert INLINE_SCRIPT.findall(template.read_text()) == [], template.name
        assert INLINE_STYLE.findall(template.read_text()) == [], template.name


async def test_assets_are_served_by_the_package_with_their_digest(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    page = await http_browser.get(f"{user.root}/sign-in")
    assets = ASSET.findall(page.text)
    assert sorted(url.rsplit("/", 1)[1] for url in assets) == ["app.css", "app.js", "icon.svg"]
    for url in assets:
        served = await http_browser.get(url)
        assert served.status_code == 200, url
        assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
        digest = url.split("/")[3]
        stale = await http_browser.get(url.replace(digest, "0" * len(digest)))
        assert stale.status_code == 404


def test_every_message_a_template_names_is_in_the_catalogue() -> None:
    """Plain keys exist; a key a template builds (`"order_status." ~ code`) exists for every
    value its enum has."""
    named = {
        key
        for template in TEMPLATES.glob("*.html")
        for key in re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", template.read_text())
    }
    built = {key for key in named if key.endswith(".")}
    assert built == set(BUILT_KEYS)
    assert sorted(named - built - set(ENGLISH)) == []
    for prefix, values in BUILT_KEYS.items():
        keys = [f"{prefix}{value}" for value in values]
        assert [key for key in keys if key not in ENGLISH] == []
