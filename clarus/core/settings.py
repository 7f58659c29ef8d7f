"""One typed settings object, read from the environment once and injected everywhere."""

from __future__ import annotations

from email.utils import parseaddr
from typing import Literal

from pydantic import Field, FilePath, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from clarus.core.fields import has_email_shape

DEFAULT_DATABASE_URL = "sqlite:///clarus.db"
SmtpTls = Literal["starttls", "implicit", "none"]
DEFAULT_SMTP_PORTS: dict[str, int] = {"starttls": 587, "implicit": 465, "none": 25}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLARUS_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    database_pool_size: int = Field(default=10, ge=1)
    access_token_lifetime_seconds: int = Field(default=3600, ge=1)
    refresh_token_lifetime_seconds: int = Field(default=30 * 24 * 3600, ge=1)
    authorization_code_lifetime_seconds: int = Field(default=600, ge=1)
    rate_limit_per_second: float = Field(default=50.0, gt=0)
    rate_limit_burst: int = Field(default=200, ge=1)
    sign_in_max_failures_per_account: int = Field(
        default=10,
        ge=1,
        description="Wrong sign-ins to one account (tenant and email) in a window; after that "
        "the account's sign-ins are refused, the right password included, until it ends.",
    )
    sign_in_max_failures_per_address: int = Field(
        default=100, ge=1, description="Wrong sign-ins from one client address in a window."
    )
    sign_in_failure_window_seconds: int = Field(default=900, ge=1)
    client_auth_max_failures_per_address: int = Field(
        default=60,
        ge=1,
        description="Failed /oauth/token and /oauth/revoke requests from one client address in "
        "a window; after that the address gets 429 until it ends.",
    )
    client_auth_failure_window_seconds: int = Field(default=60, ge=1)
    password_hash_concurrency: int = Field(
        default=2,
        ge=1,
        description="Argon2 hashes and verifications run at once per process, each in a thread.",
    )
    idempotency_key_lifetime_seconds: int = Field(default=24 * 3600, ge=1)
    idempotency_lease_seconds: int = Field(
        default=60,
        ge=1,
        description="After this long an unfinished request no longer blocks a retry of its key.",
    )
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_page_size: int = Field(default=500, ge=1)
    default_page_size: int = Field(default=100, ge=1)
    graphql_max_cost: int = Field(
        default=50_000,
        ge=1,
        description="The highest static cost of a GraphQL operation (clarus.api.graphql.cost).",
    )
    public_base_url: str = "http://127.0.0.1:8000"
    public_api_base_url: str | None = Field(
        default=None,
        description="Where integrators reach the API, when not at public_base_url; its host is "
        "the X-ClarusWMS-API-Domain header of webhooks.",
    )
    log_sql: bool = False
    secret_keys: SecretStr | None = Field(
        default=None,
        description="Comma-separated Fernet keys that encrypt webhook secrets at rest: the first "
        "encrypts, all decrypt (put a new key first to rotate). Unset: a key made once and kept "
        "in secret_key_file, with a warning.",
    )
    secret_key_file: str | None = Field(
        default=None,
        description="Where the key is kept when secret_keys is unset (default: "
        "clarus-secret.key beside the SQLite database, else in the working directory).",
    )
    webhook_allow_private_targets: bool = Field(
        default=False,
        description="Let webhooks go to loopback, private and link-local addresses, and over plain "
        "http: for local development and tests only.",
    )

    webhook_timeout_seconds: float = Field(
        default=15.0, gt=0, description="How long one webhook request may take, in all."
    )
    webhook_lease_seconds: int = Field(
        default=60,
        ge=5,
        description="How long a claimed delivery stays a worker's without a heartbeat; after "
        "that another worker sends it.",
    )
    webhook_worker_in_process: bool = Field(
        default=True,
        description="Run the webhook worker inside `clarus serve` (one per server process).",
    )
    webhook_worker_concurrency: int = Field(default=8, ge=1)
    webhook_worker_batch_size: int = Field(default=100, ge=1)
    webhook_worker_poll_seconds: float = Field(default=1.0, gt=0)

    smtp_host: str | None = Field(
        default=None,
        description="The SMTP server email automations send through; unset, email actions are "
        "refused.",
    )
    smtp_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Default: 587 with STARTTLS, 465 with implicit TLS, 25 without TLS.",
    )
    smtp_tls: SmtpTls = Field(
        default="starttls",
        description="`starttls` (upgrade the connection, required), `implicit` (TLS from the "
        "first byte) or `none` (plain text: a relay on the same host or network only).",
    )
    smtp_ca_file: FilePath | None = Field(
        default=None,
        description="A PEM file of the certificate authorities the SMTP server's certificate is "
        "checked against in place of the system's (a relay with a private CA); the check itself "
        "is never skipped.",
    )
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = Field(
        default=None,
        description="The sender of automation emails (`clarus@acme.com` or "
        "`Clarus <clarus@acme.com>`); required with smtp_host.",
    )
    smtp_timeout_seconds: float = Field(
        default=30.0, gt=0, description="How long each step of one SMTP conversation may take."
    )
    app_session_idle_seconds: int = Field(
        default=2 * 3600,
        ge=60,
        description="An operator app session ends after this long without a request.",
    )
    app_session_lifetime_seconds: int = Field(
        default=12 * 3600,
        ge=60,
        description="An operator app session ends this long after sign-in, however busy (a shift).",
    )
    app_session_sweep_seconds: float = Field(
        default=300.0,
        gt=0,
        description="How often each server process deletes the operator app sessions that have "
        "ended.",
    )

    @field_validator("database_url")
    @classmethod
    def _database_url_is_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("database_url must not be blank")
        return value

    @field_validator("smtp_from")
    @classmethod
    def _smtp_from_is_an_address(cls, value: str | None) -> str | None:
        if value is not None and not has_email_shape(parseaddr(value)[1]):
            raise ValueError(
                "smtp_from must be an address: clarus@acme.com or Clarus <clarus@acme.com>"
            )
        return value

    @model_validator(mode="after")
    def _smtp_host_has_a_sender(self) -> Settings:
        if self.smtp_host and not self.smtp_from:
            raise ValueError("smtp_from is required when smtp_host is set")
        return self

    @property
    def sends_email(self) -> bool:
        """Whether an SMTP server is configured, so email actions are accepted."""
        return bool(self.smtp_host)

    @property
    def smtp_port_or_default(self) -> int:
        return self.smtp_port or DEFAULT_SMTP_PORTS[self.smtp_tls]
