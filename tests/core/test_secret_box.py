"""Sealing webhook secrets: keys from the setting (the first seals, every one opens), else a key
file made once, readable by its owner only, with a warning."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import InvalidToken
from typer.testing import CliRunner

from clarus.cli.main import app as cli
from clarus.core import migrate
from clarus.core.secret_box import KEY_FILE_NAME, SecretBox, new_key, secret_box
from clarus.core.settings import Settings

SECRET = "whsec_" + "B" * 44


def test_a_new_key_first_opens_what_the_old_one_sealed_and_reseals_it() -> None:
    old, new = new_key(), new_key()
    sealed = SecretBox([old]).seal(SECRET)
    assert SECRET not in sealed
    rotated = secret_box(Settings(secret_keys=f"{new}, {old}"))  # type: ignore[arg-type]
    assert rotated.open(sealed) == SECRET
    resealed = rotated.reseal(sealed)
    assert SecretBox([new]).open(resealed) == SECRET
    with pytest.raises(InvalidToken):
        SecretBox([new]).open(sealed)


def test_without_keys_a_key_file_is_made_once_beside_the_sqlite_database(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'clarus.db'}")
    key_file = tmp_path / KEY_FILE_NAME
    box = secret_box(settings)
    assert not key_file.exists()
    with caplog.at_level(logging.WARNING, logger="clarus.secrets"):
        sealed = box.seal(SECRET)
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert secret_box(settings).open(sealed) == SECRET
    [message, _again] = [record.getMessage() for record in caplog.records]
    assert "CLARUS_SECRET_KEYS is not set" in message
    assert str(key_file) in message
    assert key_file.read_text().strip() not in caplog.text


def test_the_key_file_setting_is_where_the_key_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "webhooks.key"
    settings = Settings(database_url="postgresql://db/clarus", secret_key_file=str(path))
    sealed = secret_box(settings).seal(SECRET)
    assert SecretBox([path.read_text().strip()]).open(sealed) == SECRET


def test_reseal_secrets_seals_every_secret_with_the_first_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Key rotation: a new key put first opens nothing old until `clarus db reseal-secrets`
    seals every stored secret with it; then the old key can go."""
    database = tmp_path / "reseal.db"
    url = f"sqlite:///{database}"
    old, new = new_key(), new_key()
    asyncio.run(migrate.upgrade(url))
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO webhook_secrets (id, tenant_id, automation_action_id, secret, created_at)"
            " VALUES (1, 1, 1, ?, '2026-01-01 00:00:00')",
            (SecretBox([old]).seal(SECRET),),
        )
    monkeypatch.setenv("CLARUS_SECRET_KEYS", f"{new},{old}")

    result = CliRunner().invoke(cli, ["db", "reseal-secrets", "--database-url", url])

    assert result.exit_code == 0, result.output
    assert result.output == "1 webhook secrets sealed with the first key\n"
    with sqlite3.connect(database) as connection:
        [[stored]] = list(connection.execute("SELECT secret FROM webhook_secrets"))
    assert SecretBox([new]).open(stored) == SECRET
