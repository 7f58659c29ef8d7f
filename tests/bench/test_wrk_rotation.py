"""wrk's Lua script sends a rotating workload's requests to each of its paths in turn, each with
its own body and the request's number."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import wrk
from bench.load import NUMBER, Workload

pytestmark = pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk; .ci/run does)"
)


class _Recorder(ThreadingHTTPServer):
    received: list[tuple[str, str, str]]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Recorder

    def do_PATCH(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.server.received.append((self.command, self.path, body))
        answer = b'{"data": {"lines": []}}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    server = _Recorder(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_each_request_goes_to_the_next_path_with_its_own_numbered_body(
    recorder: _Recorder,
) -> None:
    orders = (11, 22, 33)
    workload = Workload.rotating(
        [
            Workload.of(
                f"/api/goods_outs/{order}",
                f'{{"reference": "R-{NUMBER}", "order": {order}}}',
                expect='"lines"',
                method="PATCH",
            )
            for order in orders
        ]
    )
    base_url = f"http://127.0.0.1:{recorder.server_address[1]}"

    requests, _, failures, *_ = wrk.run(
        base_url, wrk.Script(workload, {}), seconds=1, connections=1, first=100
    )

    assert failures == 0
    assert requests >= 6
    assert requests <= len(recorder.received) <= requests + 1, "one may be in flight at the end"
    numbers = []
    for method, path, body in recorder.received:
        found = re.fullmatch(r'\{"reference": "R-(\d{8})", "order": (\d+)\}', body)
        assert found is not None, body
        number, order = int(found[1]), int(found[2])
        assert (method, path) == ("PATCH", f"/api/goods_outs/{order}")
        assert order == orders[number % len(orders)]
        numbers.append(number)
    assert numbers[0] > 100
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_workloads_that_differ_beyond_path_and_body_do_not_rotate() -> None:
    with pytest.raises(ValueError, match="differ only in path and body"):
        Workload.rotating(
            [Workload.of("/a", "{}", method="PATCH"), Workload.of("/b", "{}", method="POST")]
        )
