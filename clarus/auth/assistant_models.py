"""What AI assistants (the MCP server's tools) leave behind, bound to the tenant and the user
they acted for: datasets of query results, CSV files made from them, and the log of their
writes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType, JsonType, UTCDateTime, utcnow
from clarus.core.models import TenantOwned


class AssistantDataset(TenantOwned, Base):
    """The rows a query answered, kept for the user who asked until `expires_at`, under a
    reference (`reference`, random) that only that user's calls can read."""

    __tablename__ = "assistant_datasets"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reference: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    rows: Mapped[list[object]] = mapped_column(JsonType, nullable=False)
    row_count: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class AssistantFile(TenantOwned, Base):
    """A file made for the user (a CSV), downloadable by that user only until `expires_at`;
    only a hash of its link's token is kept."""

    __tablename__ = "assistant_files"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    media_type: Mapped[str] = mapped_column(String(100), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class AssistantWrite(TenantOwned, Base):
    """One write an assistant made as a user: who, when, with which tool and client, the
    request's method and path, the records it named or made, and the status it was answered."""

    __tablename__ = "assistant_writes"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    api_client_id: Mapped[int] = mapped_column(IdType, nullable=False)
    tool: Mapped[str] = mapped_column(String(64), nullable=False)
    method: Mapped[str] = mapped_column(String(10), nullable=False)
    path: Mapped[str] = mapped_column(Text, nullable=False)
    record_ids: Mapped[list[str]] = mapped_column(JsonType, nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
