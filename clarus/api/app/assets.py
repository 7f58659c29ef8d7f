"""The app's own styles and scripts (`static/`), served by the package itself: no CDN, so the
app works behind a firewall.

Each file's URL carries a digest of its content (`/static/app/<digest>/app.css`), so a browser
may keep it for a year and still gets a changed file at once: the page names the new URL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.resources import files

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.responses import Response

ASSETS_URL = "/static/app"
MEDIA_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
CACHE_FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True, slots=True)
class Asset:
    content: bytes
    digest: str
    media_type: str


def _load_assets() -> dict[str, Asset]:
    found: dict[str, Asset] = {}
    for entry in (files("clarus.api.app") / "static").iterdir():
        suffix = "." + entry.name.rpartition(".")[2]
        if entry.is_file() and suffix in MEDIA_TYPES:
            content = entry.read_bytes()
            digest = hashlib.sha256(content).hexdigest()[:16]
            found[entry.name] = Asset(content, digest, MEDIA_TYPES[suffix])
    return found


ASSETS = _load_assets()
router = APIRouter(include_in_schema=False)


def asset_url(name: str) -> str:
    return f"{ASSETS_URL}/{ASSETS[name].digest}/{name}"


@router.get(ASSETS_URL + "/{digest}/{name}")
async def asset(digest: str, name: str) -> Response:
    """An asset by its current digest; an old digest is a 404, never another version's file
    cached for a year under the wrong name."""
    found = ASSETS.get(name)
    if found is None or found.digest != digest:
        raise HTTPException(status_code=404)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Cache-Control": CACHE_FOREVER, "X-Content-Type-Options": "nosniff"},
    )
