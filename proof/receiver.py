"""`python -m proof.receiver PORT OUT STALL_FLAG`: a webhook receiver for the load and fault runs.

A bare ASGI app under uvicorn, in its own process. It answers 200 to every POST and appends
`<event id> <subdomain>` to OUT once it has answered. While the file STALL_FLAG exists it
stalls: each request waits, unanswered, until the flag is gone, so that the workers' requests
time out (and what the receiver took in late is written down all the same, as a real receiver
would process it: the source of at-least-once duplicates).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.asgi import Receive, Send, read_body

STALL_POLL_SECONDS = 0.05


def receiver_app(out_path: Path, stall_flag: Path) -> Callable[..., Awaitable[None]]:
    out = out_path.open("a", buffering=1)

    async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        while await asyncio.to_thread(stall_flag.exists):  # noqa: ASYNC110 (a file: cross-process)
            await asyncio.sleep(STALL_POLL_SECONDS)
        document = json.loads(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        out.write(f"{document['id']} {document.get('subdomain', '')}\n")

    return app


def received(out_path: Path) -> list[tuple[int, str]]:
    """Every webhook written down: (event id, subdomain), duplicates included."""
    found = []
    for line in out_path.read_text().splitlines():
        public_id, _, subdomain = line.partition(" ")
        found.append((int(public_id.removeprefix("evt_")), subdomain))
    return found


def main(argv: list[str]) -> None:
    import uvicorn

    port, out_path, stall_flag = int(argv[0]), Path(argv[1]), Path(argv[2])
    uvicorn.run(
        receiver_app(out_path, stall_flag),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
