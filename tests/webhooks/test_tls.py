"""https webhooks go to the checked address, with the host name for SNI and the certificate."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from clarus.core.db import Database
from clarus.webhooks.policy import DEFAULT_DELAYS
from clarus.webhooks.sender import WebhookSender
from clarus.webhooks.worker import WebhookWorker
from tests.catalog.factories import product
from tests.support import ApiClientFactory
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import FakeClock, FakeDirectory
from tests.webhooks.helpers import attempts_of, deliveries_of
from tests.webhooks.receiver import Receiver


def certificate(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for the DNS name `name` (and no IP address)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def localhost_address() -> str:
    """Where `localhost` resolves first: the address the sender will connect to."""
    address = str(socket.getaddrinfo("localhost", 443, type=socket.SOCK_STREAM)[0][4][0])
    assert ipaddress.ip_address(address).is_loopback
    return address


@pytest.fixture
def tls_receiver(tmp_path: Path) -> Iterator[tuple[Receiver, Path]]:
    cert_path, key_path = certificate(tmp_path, "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    server = Receiver(host=localhost_address(), tls=context)
    server.start()
    yield server, cert_path
    server.stop()


def trusting(cert_path: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert_path))


async def test_https_is_sent_to_the_address_with_the_host_name_checked(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    tls_receiver: tuple[Receiver, Path],
    clock: FakeClock,
    make_worker: WorkerFactory,
    tmp_path: Path,
) -> None:
    receiver, cert_path = tls_receiver
    caller = await clients.new()
    directory.add(caller.tenant_id, "product", "created", receiver.https_url("localhost"))
    await product(caller)
    other_cert, _ = certificate(tmp_path, "other.example")

    def worker_trusting(cert: Path) -> WebhookWorker:
        sender = WebhookSender(timeout_seconds=2, allow_private=True, verify=trusting(cert))
        return make_worker(sender=sender)

    assert (await worker_trusting(other_cert).run_once()).outcomes == {"pending": 1}
    clock.advance(DEFAULT_DELAYS[0])
    assert (await worker_trusting(cert_path).run_once()).outcomes == {"succeeded": 1}

    [delivery] = await deliveries_of(db, caller.tenant_id)
    refused, accepted = await attempts_of(db, delivery["id"])
    assert "CERTIFICATE_VERIFY_FAILED" in refused["error"]
    assert accepted["status_code"] == 200
    [request] = receiver.received
    assert request.headers["Host"] == f"localhost:{receiver.port}"
