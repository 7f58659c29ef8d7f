"""Secrets Clarus must read back (webhook signing secrets), encrypted at rest with Fernet.

Hashes will not do for these: the worker signs with the secret itself. The keys come from
`settings.secret_keys` (comma-separated Fernet keys: the first encrypts, every one decrypts, so a
new key goes first and the old ones stay until `clarus db reseal-secrets` has re-encrypted
with it). Without it a
self-hosted install still works with no setup: a key is made once, kept in a file only its owner
can read (`secret_key_file`, by default beside the SQLite database), and a warning says that
production should set the keys.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy.engine import make_url

from clarus.core.settings import Settings

logger = logging.getLogger("clarus.secrets")
KEY_FILE_NAME = "clarus-secret.key"


class SecretBox:
    """Seals a secret for storage and opens it again. `keys` may be a function that gives them,
    called at the first use: an app that never touches a webhook secret reads no key file."""

    def __init__(self, keys: list[str] | Callable[[], list[str]]) -> None:
        self._keys = keys

    @cached_property
    def _fernet(self) -> MultiFernet:
        keys = self._keys() if callable(self._keys) else self._keys
        if not keys:
            raise ValueError("A secret box needs at least one key.")
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode("ascii")

    def open(self, sealed: str) -> str:
        """The secret; `InvalidToken` when no key opens it."""
        return self._fernet.decrypt(sealed.encode("ascii")).decode()

    def reseal(self, sealed: str) -> str:
        """The secret sealed again with the first key (after a key was added)."""
        return self._fernet.rotate(sealed.encode("ascii")).decode("ascii")


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def secret_box(settings: Settings) -> SecretBox:
    """The box of `settings.secret_keys`, else of the key file (made on first use)."""
    configured = settings.secret_keys.get_secret_value() if settings.secret_keys else ""
    keys = [key.strip() for key in configured.split(",") if key.strip()]
    if keys:
        return SecretBox(keys)
    return SecretBox(lambda: [_key_of_file(key_file(settings))])


def key_file(settings: Settings) -> Path:
    """`settings.secret_key_file`, else beside the SQLite database file, else in the working
    directory."""
    if settings.secret_key_file:
        return Path(settings.secret_key_file)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / KEY_FILE_NAME
    return Path.cwd() / KEY_FILE_NAME


def _key_of_file(path: Path) -> str:
    logger.warning(
        "CLARUS_SECRET_KEYS is not set: webhook secrets are encrypted with the key kept in %s."
        " Set CLARUS_SECRET_KEYS in production (and keep the key safe apart from backups).",
        path,
    )
    return _read_or_make_key(path)


def _read_or_make_key(path: Path) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = new_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key
