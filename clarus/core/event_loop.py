"""The event loop long-running processes (the `clarus worker`, the CLI's commands) run on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on uvloop where it is installed (everywhere but Windows), the loop uvicorn
    serves the API on: a webhook worker is mostly network I/O, which uvloop does in C."""
    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        return runner.run(main)
