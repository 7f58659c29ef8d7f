"""A closed-loop load generator: N workers, each sending its next request when the last returns.

Every loop is bounded twice, by a request count and by a deadline, and only loopback servers are
ever called.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field, replace
from ipaddress import ip_address
from urllib.parse import urlsplit

import httpx

REQUEST_TIMEOUT_SECONDS = 30.0

NUMBER = "@@N@@"
"""Where a workload's body carries the request's number (8 digits)."""


@dataclass(frozen=True)
class Workload:
    """One kind of request: the body is `before`, then (when `numbered`) the request's number in
    8 digits and `after`. A success is a 200 whose body holds `expect` and not `forbid`. The
    same description drives this module's loop and wrk's Lua script (`bench.wrk`).

    A workload `rotating` among others sends request n as the (n mod count)th of them: the same
    operation on different records (each order update to an order of its own, so that the
    requests do not queue on one row's lock)."""

    path: str
    before: str
    after: str = ""
    numbered: bool = False
    expect: str = '"data"'
    forbid: str = ""
    method: str = "POST"
    rotation: tuple[Workload, ...] = ()

    @classmethod
    def of(
        cls,
        path: str,
        text: str,
        *,
        expect: str = '"data"',
        forbid: str = "",
        method: str = "POST",
    ) -> Workload:
        """The workload whose body is `text`, numbered where it holds `NUMBER`."""
        before, marked, after = text.partition(NUMBER)
        return cls(path, before, after, bool(marked), expect, forbid, method)

    @classmethod
    def rotating(cls, workloads: Sequence[Workload]) -> Workload:
        first = workloads[0]
        if any(
            (other.numbered, other.method, other.expect, other.forbid)
            != (first.numbered, first.method, first.expect, first.forbid)
            for other in workloads
        ):
            raise ValueError("a rotation's workloads differ only in path and body")
        return replace(first, rotation=tuple(workloads))

    @property
    def variants(self) -> tuple[Workload, ...]:
        return self.rotation or (self,)

    def variant(self, index: int) -> Workload:
        variants = self.variants
        return variants[index % len(variants)]

    def body(self, index: int) -> bytes:
        if not self.numbered:
            return self.before.encode()
        return f"{self.before}{index:08d}{self.after}".encode()

    def check(self, response: httpx.Response) -> bool:
        text = response.text
        return (
            response.status_code == 200
            and self.expect in text
            and not (self.forbid and self.forbid in text)
        )


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    elapsed_seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    first_error: str | None = None
    client_cpu_seconds: float = 0.0

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.elapsed_seconds if self.elapsed_seconds > 0 else 0.0

    def percentile_ms(self, fraction: float) -> float:
        """The nearest-rank percentile of the latencies (0 when nothing was measured)."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        rank = max(1, math.ceil(fraction * len(ordered)))
        return ordered[rank - 1]


def require_loopback(base_url: str) -> None:
    host = urlsplit(base_url).hostname or ""
    if host != "localhost" and not ip_address(host).is_loopback:
        raise ValueError(f"refusing to load a non-loopback address: {base_url}")


def _client(base_url: str, headers: dict[str, str]) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        headers={"Content-Type": "application/json", **headers},
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=REQUEST_TIMEOUT_SECONDS,
        trust_env=False,
    )


@asynccontextmanager
async def worker_clients(
    base_url: str, headers: dict[str, str], concurrency: int
) -> AsyncIterator[list[httpx.AsyncClient]]:
    """One keep-alive client per worker, proxies from the environment ignored.

    A client per worker rather than one shared pool: under concurrency httpx's shared pool costs
    the load generator about twice the CPU per request, CPU the servers then lack.
    """
    require_loopback(base_url)
    async with AsyncExitStack() as stack:
        clients = [_client(base_url, headers) for _ in range(max(1, concurrency))]
        for client in clients:
            await stack.enter_async_context(client)
        yield clients


def _record_failure(result: LoadResult, outcome: str, detail: str) -> None:
    result.errors += 1
    if result.first_error is None:
        result.first_error = f"{outcome}: {detail[:300]}"


async def _send(
    client: httpx.AsyncClient, workload: Workload, index: int, result: LoadResult
) -> None:
    started = time.perf_counter()
    sent = workload.variant(index)
    try:
        response = await client.request(sent.method, sent.path, content=sent.body(index))
    except httpx.HTTPError as error:
        outcome = type(error).__name__
        _record_failure(result, outcome, str(error))
    else:
        outcome = str(response.status_code)
        if not workload.check(response):
            _record_failure(result, outcome, response.text)
    result.latencies_ms.append((time.perf_counter() - started) * 1000.0)
    result.outcomes[outcome] += 1
    result.requests += 1


async def run_load(
    clients: Sequence[httpx.AsyncClient],
    workload: Workload,
    *,
    requests: int,
    max_seconds: float,
    first_index: int = 0,
) -> LoadResult:
    """Send up to `requests` requests, one worker per client, stopping at `max_seconds`."""
    result = LoadResult()
    indexes = itertools.count(first_index)
    last_index = first_index + requests
    cpu_started = time.process_time()
    started = time.perf_counter()
    stop_at = started + max_seconds

    async def worker(client: httpx.AsyncClient) -> None:
        while time.perf_counter() < stop_at:
            index = next(indexes)
            if index >= last_index:
                return
            await _send(client, workload, index, result)

    async with asyncio.timeout(max_seconds + REQUEST_TIMEOUT_SECONDS), asyncio.TaskGroup() as tasks:
        for client in clients:
            tasks.create_task(worker(client))
    result.elapsed_seconds = time.perf_counter() - started
    result.client_cpu_seconds = time.process_time() - cpu_started
    return result
