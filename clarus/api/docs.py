"""The API's documentation pages (`/docs`, `/redoc`) and GraphiQL's assets, served from the
installed packages so that the pages work with no way out to a CDN: Swagger UI and ReDoc from
`fastapi_offline`, GraphiQL, React and their plugins from `static/vendor` (copied unchanged from
their npm releases, licences beside them; `static/vendor/README.md`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response
from strawberry.http.ides import get_graphql_ide_html

from clarus.core.json_types import JSONObject

DOCS_ASSETS_URL = "/static/docs"
VENDOR_URL = "/static/vendor"
DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
CDN_PREFIX = "https://unpkg.com/"
"""Where strawberry's GraphiQL page loads its scripts from; the same paths exist under
`VENDOR_URL`, and the pages keep their subresource integrity hashes."""
SWAGGER_UI_PARAMETERS: JSONObject = {"validatorUrl": None}
"""No badge asking an online validator."""


def docs_assets_directory() -> Path:
    return Path(str(files("fastapi_offline") / "static"))


def vendor_directory() -> Path:
    return Path(str(files("clarus.api") / "static" / "vendor"))


def graphiql_html() -> str:
    """Strawberry's GraphiQL page, its scripts and styles loaded from this server."""
    return get_graphql_ide_html(graphql_ide="graphiql").replace(CDN_PREFIX, f"{VENDOR_URL}/")


def docs_router(app: FastAPI, init_oauth: JSONObject) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    openapi_url = app.openapi_url or "/openapi.json"
    favicon = f"{DOCS_ASSETS_URL}/favicon.png"

    @router.get("/")
    async def root(request: Request) -> Response:
        """A browser is sent to the docs; an API client gets the usual 404."""
        if "text/html" not in request.headers.get("accept", ""):
            raise HTTPException(status_code=404)
        return RedirectResponse(DOCS_URL, status_code=303)

    @router.get(DOCS_URL)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{DOCS_ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=favicon,
            oauth2_redirect_url=OAUTH2_REDIRECT_URL,
            init_oauth=init_oauth,
            swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
        )

    @router.get(OAUTH2_REDIRECT_URL)
    async def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @router.get(REDOC_URL)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{DOCS_ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=favicon,
            with_google_fonts=False,
        )

    return router


def install_docs(app: FastAPI, *, init_oauth: JSONObject) -> None:
    """Swagger UI at `/docs`, ReDoc at `/redoc` (the app is made with FastAPI's own pages
    turned off) and the static assets they and GraphiQL load."""
    app.mount(DOCS_ASSETS_URL, StaticFiles(directory=docs_assets_directory()), name="docs-assets")
    app.mount(VENDOR_URL, StaticFiles(directory=vendor_directory()), name="vendor-assets")
    app.include_router(docs_router(app, init_oauth))
