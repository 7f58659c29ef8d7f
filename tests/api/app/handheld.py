"""Driving the handheld screens over HTTP as a browser would: a signed-in operator, each screen's
form read for its token and posted, and the screen's message read back."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import httpx

from tests.api.app.support import AppUser, form_token

ERROR = re.compile(r'<p class="message message-error" role="alert">([^<]*)</p>')
NOTICE = re.compile(r'<p class="message message-notice" role="status">([^<]*)</p>')


@dataclass(frozen=True)
class Handheld:
    http: httpx.AsyncClient
    operator: AppUser

    def url(self, path: str) -> str:
        return f"{self.operator.root}/handheld/{path}"

    async def scan(self, path: str, **fields: str) -> httpx.Response:
        """The screen at `path` opened, its form filled with `fields` and posted; redirects
        followed."""
        screen = await self.http.get(self.url(path))
        assert screen.status_code == 200, screen.text
        return await self.http.post(
            self.url(path),
            data={"csrf_token": form_token(screen), **fields},
            follow_redirects=True,
        )


def error_of(screen: httpx.Response) -> str | None:
    found = ERROR.search(screen.text)
    return None if found is None else html.unescape(found.group(1))


def notice_of(screen: httpx.Response) -> str | None:
    found = NOTICE.search(screen.text)
    return None if found is None else html.unescape(found.group(1))
