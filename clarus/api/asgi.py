"""The ASGI entry point for `uvicorn --factory clarus.api.asgi:app_from_environment`."""

from __future__ import annotations

from fastapi import FastAPI

from clarus.api.application import create_app
from clarus.core.settings import Settings


def app_from_environment() -> FastAPI:
    return create_app(Settings())
