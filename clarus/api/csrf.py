"""Cross-site request forgery defences of the forms shown before anyone is signed in (the OAuth
consent page, the operator app's sign-in page).

Two checks, either of which stops a forged post: the form carries a token that must equal the one
in a cookie only this site can set (a double submit; the cookie is SameSite=Lax, so a cross-site
post does not even carry it), and a browser's `Origin` header must name this site.
"""

from __future__ import annotations

import hmac
import re
import secrets
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

CSRF_COOKIE = "clarus_csrf"
CSRF_FIELD = "csrf_token"
CSRF_PATH = "/oauth/authorize"
_WELL_FORMED_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def _cookie_token(request: Request) -> str | None:
    token = request.cookies.get(CSRF_COOKIE)
    return token if token is not None and _WELL_FORMED_TOKEN.fullmatch(token) else None


def csrf_token(request: Request) -> str:
    """The browser's token, kept while it is sound so that two open tabs both work; else a new
    one."""
    return _cookie_token(request) or secrets.token_urlsafe(32)


def is_https(public_base_url: str) -> bool:
    """Whether cookies are marked Secure: when the site is served over https."""
    return urlsplit(public_base_url).scheme == "https"


def set_csrf_cookie(
    response: Response, token: str, *, public_base_url: str, path: str = CSRF_PATH
) -> None:
    response.set_cookie(
        CSRF_COOKIE,
        token,
        path=path,
        httponly=True,
        samesite="lax",
        secure=is_https(public_base_url),
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_origin(request: Request, *, public_base_url: str) -> bool:
    """No `Origin` (a client that is no browser) passes; a browser's must be this site, as
    configured or as addressed. `null` (a sandboxed or privacy-redirected form) never is."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin.lower() in {_origin(public_base_url), _origin(str(request.base_url))}


def has_valid_csrf_token(request: Request, form: FormData) -> bool:
    cookie, posted = _cookie_token(request), form.get(CSRF_FIELD)
    if cookie is None or not isinstance(posted, str) or not _WELL_FORMED_TOKEN.fullmatch(posted):
        return False
    return hmac.compare_digest(cookie.encode(), posted.encode())
