from __future__ import annotations

import datetime as dt

from sqlalchemy import Double, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, JsonType, UTCDateTime, utcnow
from clarus.core.models import CustomStrings, ExternalReferences, TenantOwned, Timestamps

CUSTOM_ROLE_TYPE = "custom"


class Role(TenantOwned, Timestamps, Base):
    """A named set of permissions that users are given; `name` is unique in the tenant."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    permissions: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    role_type: Mapped[str] = mapped_column(String(16), nullable=False, default=CUSTOM_ROLE_TYPE)


class User(TenantOwned, Timestamps, ExternalReferences, CustomStrings, Base):
    """A person (`web`), a client's login (`account`) or an integration (`api`) in one tenant.
    Every user has a role: the tenant's default role unless another is given."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("tenant_id", "email"),)

    email: Mapped[str] = mapped_column(String(255), nullable=False)
    name: Mapped[str | None] = mapped_column(String(255))
    user_type: Mapped[str] = mapped_column(String(16), nullable=False, default="web")
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("roles.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    language: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))


class ApiClient(TenantOwned, Timestamps, Base):
    """An OAuth client. Only a hash of its secret is kept; it acts as its dedicated API user."""

    __tablename__ = "api_clients"

    client_id: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    secret_hash: Mapped[str] = mapped_column(String(128), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    scopes: Mapped[str] = mapped_column(String(255), nullable=False)
    redirect_uris: Mapped[str] = mapped_column(Text, nullable=False, default="")
    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    is_public: Mapped[bool] = mapped_column(nullable=False, default=False, server_default=false())
    """A public client (RFC 7591 registration, `token_endpoint_auth_method=none`): it has no
    secret and may only use the authorization code grant with PKCE and its refresh tokens."""


class OAuthToken(TenantOwned, Base):
    """One grant: an access token and, for the authorization code flow, its refresh token."""

    __tablename__ = "oauth_tokens"

    api_client_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("api_clients.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    access_token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    refresh_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(255), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    refresh_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    resource: Mapped[str | None] = mapped_column(Text)
    """The audience (RFC 8707): an MCP server's address, or None for the API and GraphQL."""


class AuthorizationCode(TenantOwned, Base):
    """A single-use authorization code bound to a PKCE S256 challenge and a redirect URI."""

    __tablename__ = "oauth_authorization_codes"

    api_client_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("api_clients.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    code_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    redirect_uri: Mapped[str] = mapped_column(Text, nullable=False)
    scopes: Mapped[str] = mapped_column(String(255), nullable=False)
    code_challenge: Mapped[str] = mapped_column(String(128), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resource: Mapped[str | None] = mapped_column(Text)


class RateLimitBucket(Base):
    """A token bucket shared by every server process, changed by one atomic upsert per request.

    Times are Unix seconds as doubles, so that the refill is arithmetic the same on every backend.
    """

    __tablename__ = "rate_limit_buckets"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    tokens: Mapped[float] = mapped_column(Double, nullable=False)
    refilled_at: Mapped[float] = mapped_column(Double, nullable=False)
    last_taken: Mapped[bool] = mapped_column(nullable=False)


class AuthFailureCount(Base):
    """Failed or pending sign-in and client authentication attempts of one key (an account or
    a client address) in a fixed window; a row whose window has ended counts nothing."""

    __tablename__ = "auth_failure_counts"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    failures: Mapped[int] = mapped_column(nullable=False)
    window_ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, index=True)


class AppSession(TenantOwned, Base):
    """A signed-in browser of the operator app. Only a hash of its id is kept (the id is a
    256-bit random value, in the browser's cookie); it ends at `expires_at`, after
    `idle_timeout` without a request, when the user is deactivated, and when the user's
    password changes (`password_stamp` no longer matches)."""

    __tablename__ = "app_sessions"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    id_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    password_stamp: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
