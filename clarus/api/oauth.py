"""OAuth 2.0 endpoints: token (RFC 6749), authorize with PKCE (RFC 7636), revoke (RFC 7009)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
from pathlib import Path
from urllib.parse import unquote, urlencode

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from clarus.api import csrf
from clarus.api.forms import client_address, text_fields
from clarus.api.rest.responses import JsonResponse
from clarus.api.rest.routing import DatabaseRoute
from clarus.auth import errors, service, signin, throttle
from clarus.auth.errors import OAuthError
from clarus.auth.models import ApiClient, User
from clarus.auth.resources import mcp_subdomain
from clarus.auth.scopes import SCOPE_DESCRIPTIONS, parse_scopes
from clarus.core.db import Database
from clarus.core.json_types import JSONObject
from clarus.core.settings import Settings
from clarus.tenancy.models import Tenant
from clarus.webhooks.clock import Clock

router = APIRouter(prefix="/oauth", tags=["OAuth 2.0"], route_class=DatabaseRoute)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
AUTHORIZE_FIELDS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "resource",
)


def _oauth_error_response(error: OAuthError, *, basic_auth_used: bool = False) -> Response:
    headers = dict(NO_STORE)
    if error.status == 401 and basic_auth_used:
        headers["WWW-Authenticate"] = 'Basic realm="clarus"'
    return JsonResponse(
        {"error": error.error, "error_description": error.description},
        status_code=error.status,
        headers=headers,
    )


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise errors.invalid_client() from None
    client_id, separator, secret = decoded.partition(":")
    if not separator:
        raise errors.invalid_client()
    return unquote(client_id), unquote(secret)


def _client_credentials(request: Request, form: FormData) -> tuple[str, str]:
    """client_secret_basic or client_secret_post, never both (RFC 6749 section 2.3)."""
    basic = _basic_credentials(request)
    posted_id, posted_secret = form.get("client_id"), form.get("client_secret")
    if basic is not None:
        if posted_secret is not None:
            raise errors.invalid_request("Use one client authentication method, not two.")
        return basic
    if not isinstance(posted_id, str) or not isinstance(posted_secret, str):
        raise errors.invalid_client()
    return posted_id, posted_secret


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value else None


async def _read_form(request: Request) -> FormData:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            body = await request.json()
        except (ValueError, RecursionError):
            raise errors.invalid_request("The body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise errors.invalid_request("The body must be an object.")
        if nested := sorted(key for key, value in body.items() if isinstance(value, dict | list)):
            raise errors.invalid_request(f"{nested[0]} must be a string.")
        return FormData({key: str(value) for key, value in body.items() if value is not None})
    return await text_fields(request)


async def _authenticated_client(
    request: Request, session: AsyncSession
) -> tuple[FormData, ApiClient]:
    """The client: by its secret, or a public client (RFC 7591, no secret) by its id alone."""
    form = await _read_form(request)
    public_id = _text(form, "client_id")
    if public_id and form.get("client_secret") is None and not _uses_basic_auth(request):
        return form, await service.authenticate_public_client(session, public_id)
    client_id, client_secret = _client_credentials(request, form)
    return form, await service.authenticate_client(session, client_id, client_secret)


def _uses_basic_auth(request: Request) -> bool:
    return request.headers.get("authorization", "").lower().startswith("basic ")


async def _grant(
    session: AsyncSession, settings: Settings, client: ApiClient, form: FormData
) -> service.IssuedToken:
    grant_type = _text(form, "grant_type")
    if grant_type == "client_credentials":
        return await service.grant_client_credentials(
            session=session,
            settings=settings,
            client=client,
            scope=_text(form, "scope"),
            resource=_text(form, "resource"),
        )
    if grant_type == "authorization_code":
        return await service.grant_authorization_code(
            session=session,
            settings=settings,
            client=client,
            code=_text(form, "code") or "",
            redirect_uri=_text(form, "redirect_uri"),
            code_verifier=_text(form, "code_verifier"),
            resource=_text(form, "resource"),
        )
    if grant_type == "refresh_token":
        return await service.grant_refresh_token(
            session=session,
            settings=settings,
            client=client,
            refresh_token=_text(form, "refresh_token") or "",
            scope=_text(form, "scope"),
            resource=_text(form, "resource"),
        )
    if grant_type is None:
        raise errors.invalid_request("grant_type is required.")
    raise errors.unsupported_grant_type(grant_type)


def _now(request: Request) -> dt.datetime:
    clock: Clock = request.app.state.clock
    return clock.now()


def _throttled_response(retry_after: int) -> Response:
    """RFC 6749 has no error for this; `temporarily_unavailable` is its nearest registered one."""
    return JsonResponse(
        {
            "error": "temporarily_unavailable",
            "error_description": "Too many failed requests from this address; retry after "
            f"{retry_after} seconds.",
        },
        status_code=429,
        headers={**NO_STORE, "Retry-After": str(retry_after)},
    )


async def _refusal_after_failures(
    request: Request, limits: tuple[throttle.AttemptLimit, ...]
) -> Response | None:
    """429 while the client address has spent its budget of failed client authentications."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        retry_after = await throttle.waiting_time(session, limits=limits, now=_now(request))
    return None if retry_after is None else _throttled_response(retry_after)


async def _failed(
    request: Request,
    session: AsyncSession,
    limits: tuple[throttle.AttemptLimit, ...],
    error: OAuthError,
) -> Response:
    await throttle.count_attempts(session, limits=limits, now=_now(request))
    return _oauth_error_response(error, basic_auth_used=_uses_basic_auth(request))


def _client_auth_limits(request: Request) -> tuple[throttle.AttemptLimit, ...]:
    settings: Settings = request.app.state.settings
    return throttle.client_auth_limits(settings, address=client_address(request))


@router.post("/token", summary="Issue an access token")
async def token(request: Request) -> Response:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    limits = _client_auth_limits(request)
    if refusal := await _refusal_after_failures(request, limits):
        return refusal
    async with db.write_session() as session:
        try:
            form, client = await _authenticated_client(request, session)
            issued = await _grant(session, settings, client, form)
        except OAuthError as error:
            # Commit anyway: a failed exchange burns its code, a replayed refresh token revokes.
            return await _failed(request, session, limits, error)
    body: JSONObject = {
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        "scope": issued.scopes,
    }
    if issued.refresh_token:
        body["refresh_token"] = issued.refresh_token
    return JsonResponse(body, headers=NO_STORE)


@router.post("/revoke", summary="Revoke an access or refresh token (RFC 7009)")
async def revoke(request: Request) -> Response:
    db: Database = request.app.state.db
    limits = _client_auth_limits(request)
    if refusal := await _refusal_after_failures(request, limits):
        return refusal
    async with db.write_session() as session:
        try:
            form, client = await _authenticated_client(request, session)
            token_value = _text(form, "token")
            if token_value is None:
                raise errors.invalid_request("token is required.")
            await service.revoke_token(session=session, client=client, token=token_value)
        except OAuthError as error:
            return await _failed(request, session, limits, error)
    return Response(status_code=200, headers=NO_STORE)


class _AuthorizeRequest:
    """The validated parameters of an authorization request and the client they name."""

    def __init__(self, params: dict[str, str], client: ApiClient, tenant: Tenant) -> None:
        self.params = params
        self.client = client
        self.tenant = tenant

    def redirect(self, **query: str) -> RedirectResponse:
        state = self.params.get("state")
        if state:
            query["state"] = state
        separator = "&" if "?" in self.params["redirect_uri"] else "?"
        return RedirectResponse(
            self.params["redirect_uri"] + separator + urlencode(query), status_code=302
        )


def _error_page(request: Request, message: str, *, status_code: int = 400) -> Response:
    """A page without the form: nothing on it can be signed in to."""
    return templates.TemplateResponse(
        request,
        "authorize.html",
        {
            "client_name": "An application",
            "subdomain": "-",
            "scope_descriptions": [],
            "error": message,
            "hidden": {},
            "email": "",
            "csrf_token": None,
        },
        status_code=status_code,
    )


async def _authorize_request(
    request: Request, params: dict[str, str]
) -> _AuthorizeRequest | Response:
    """Check the client and redirect URI first: without them nothing may be redirected."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        client = await service.find_client(session, params.get("client_id", ""))
        tenant = await session.get(Tenant, client.tenant_id) if client else None
    if client is None or client.revoked_at is not None or tenant is None:
        return _error_page(request, "Unknown client.")
    if not service.allowed_redirect_uri(client, params.get("redirect_uri", "")):
        return _error_page(request, "The redirect_uri is not registered for this client.")
    authorize = _AuthorizeRequest(params, client, tenant)
    if params.get("response_type") != "code":
        return authorize.redirect(error="unsupported_response_type")
    if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
        return authorize.redirect(
            error="invalid_request",
            error_description="PKCE is required: code_challenge with code_challenge_method=S256.",
        )
    if not service.is_valid_code_challenge(params["code_challenge"]):
        return authorize.redirect(
            error="invalid_request",
            error_description="code_challenge must be the base64url SHA-256 of the code_verifier.",
        )
    requested = parse_scopes(params.get("scope"))
    if requested and not requested <= parse_scopes(client.scopes):
        return authorize.redirect(error="invalid_scope")
    resource = params.get("resource")
    if resource is not None and mcp_subdomain(resource) != tenant.subdomain:
        return authorize.redirect(
            error="invalid_target",
            error_description="resource must be the address of this tenant's MCP server.",
        )
    return authorize


def _consent_page(
    request: Request,
    authorize: _AuthorizeRequest,
    *,
    error: str | None = None,
    email: str = "",
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    settings: Settings = request.app.state.settings
    scopes = parse_scopes(authorize.params.get("scope")) or parse_scopes(authorize.client.scopes)
    token = csrf.csrf_token(request)
    response = templates.TemplateResponse(
        request,
        "authorize.html",
        {
            "client_name": authorize.client.name,
            "subdomain": authorize.tenant.subdomain,
            "scope_descriptions": [SCOPE_DESCRIPTIONS[s] for s in sorted(scopes)],
            "error": error,
            "email": email,
            "hidden": {k: v for k, v in authorize.params.items() if k in AUTHORIZE_FIELDS},
            "csrf_token": token,
        },
        status_code=status_code,
        headers={
            "Cache-Control": "no-store",
            "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
            "form-action 'self'",
            **(headers or {}),
        },
    )
    csrf.set_csrf_cookie(response, token, public_base_url=settings.public_base_url)
    return response


@router.get("/authorize", summary="Sign in and consent page (authorization code with PKCE)")
async def authorize_page(request: Request) -> Response:
    params = {k: v for k, v in request.query_params.items() if k in AUTHORIZE_FIELDS}
    outcome = await _authorize_request(request, params)
    if isinstance(outcome, Response):
        return outcome
    return _consent_page(request, outcome)


def _is_forged(request: Request, form: FormData) -> bool:
    settings: Settings = request.app.state.settings
    return not (
        csrf.is_same_origin(request, public_base_url=settings.public_base_url)
        and csrf.has_valid_csrf_token(request, form)
    )


async def _sign_in(
    request: Request, authorize: _AuthorizeRequest, email: str, password: str
) -> User | Response:
    """The user, or the page again: after a wrong password (401), or while the account or the
    address has spent its failures (429 with Retry-After; the password is not even checked)."""
    outcome = await signin.sign_in(
        request.app.state.db,
        request.app.state.settings,
        tenant_id=authorize.tenant.id,
        email=email,
        password=password,
        address=client_address(request),
        now=_now(request),
    )
    if isinstance(outcome, User):
        return outcome
    if outcome.retry_after is not None:
        minutes = math.ceil(outcome.retry_after / 60)
        return _consent_page(
            request,
            authorize,
            error=f"Too many failed sign-ins. Try again in {minutes} "
            f"{'minute' if minutes == 1 else 'minutes'}.",
            email=email,
            status_code=429,
            headers={"Retry-After": str(outcome.retry_after)},
        )
    return _consent_page(
        request, authorize, error="Wrong email or password.", email=email, status_code=401
    )


@router.post("/authorize", include_in_schema=False)
async def authorize_decision(request: Request) -> Response:
    form = await text_fields(request)
    params = {k: v for k, v in form.items() if k in AUTHORIZE_FIELDS and isinstance(v, str)}
    outcome = await _authorize_request(request, params)
    if isinstance(outcome, Response):
        return outcome
    if _is_forged(request, form):
        return _error_page(
            request,
            "This form expired or was sent from another site. Go back, reload the page and "
            "try again.",
            status_code=403,
        )
    if form.get("decision") != "allow":
        return outcome.redirect(error="access_denied")
    email, password = _text(form, "email") or "", _text(form, "password") or ""
    user = await _sign_in(request, outcome, email, password)
    if isinstance(user, Response):
        return user
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    async with db.write_session() as session:
        try:
            code = await service.create_authorization_code(
                session=session,
                settings=settings,
                client=outcome.client,
                user=user,
                redirect_uri=params["redirect_uri"],
                scope=params.get("scope"),
                code_challenge=params["code_challenge"],
                resource=params.get("resource"),
            )
        except OAuthError as error:
            return outcome.redirect(error=error.error)
    return outcome.redirect(code=code)
