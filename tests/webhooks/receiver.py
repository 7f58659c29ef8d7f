"""A real HTTP server on 127.0.0.1 that webhooks are sent to, with scripted answers."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"
    delay_seconds: float = 0.0


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    received_at: float
    """`time.time()` on receipt."""


class _Server(ThreadingHTTPServer):
    request_queue_size = 256
    """Workers open many connections at once; the default backlog of 5 refuses some."""


class _Server6(_Server):
    address_family = socket.AF_INET6


class Receiver:
    """Answers `default` (200) unless replies were scripted (`script`), used up in order. `stop()`
    closes the port (connections are refused) and `start()` opens the same port again.

    It closes each connection after its answer (HTTP/1.0), unless `keep_alive` (HTTP/1.1: the
    client may send on); `connections` counts the connections accepted, and
    `drop_connections()` closes the open ones, as a receiver timing out idle ones does."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        tls: ssl.SSLContext | None = None,
        keep_alive: bool = False,
    ) -> None:
        self.host = host
        self.tls = tls
        self.keep_alive = keep_alive
        self.connections = 0
        self.open_sockets: set[socket.socket] = set()
        self.received: list[Received] = []
        self.replies: deque[Reply] = deque()
        self.default = Reply()
        """The answer once the scripted ones are used up."""
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.port = 0
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def https_url(self, host_name: str) -> str:
        return f"https://{host_name}:{self.port}/hooks"

    def script(self, *replies: Reply) -> None:
        with self.lock:
            self.replies.extend(replies)

    def wait_for(self, count: int, timeout: float) -> bool:
        """Block until `count` requests have arrived, or `timeout` seconds passed."""
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received) >= count, timeout)

    def drop_connections(self) -> None:
        with self.lock:
            sockets, self.open_sockets = self.open_sockets, set()
        for connection in sockets:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def bodies(self) -> list[bytes]:
        with self.lock:
            return [request.body for request in self.received]

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if receiver.keep_alive else "HTTP/1.0"

            def setup(self) -> None:
                super().setup()
                with receiver.lock:
                    receiver.connections += 1
                    receiver.open_sockets.add(self.request)

            def finish(self) -> None:
                with receiver.lock:
                    receiver.open_sockets.discard(self.request)
                super().finish()

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with receiver.lock:
                    receiver.received.append(
                        Received(self.command, self.path, dict(self.headers), body, time.time())
                    )
                    reply = receiver.replies.popleft() if receiver.replies else receiver.default
                    receiver.arrived.notify_all()
                if reply.delay_seconds:
                    time.sleep(reply.delay_seconds)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_POST = _answer
            do_GET = _answer

            def log_message(self, format: str, *args: object) -> None:
                return

        server_class = _Server6 if ":" in self.host else _Server
        server = server_class((self.host, self.port), Handler)
        if self.tls is not None:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self.server = server
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        if self.thread is not None:
            self.thread.join()
            self.thread = None
