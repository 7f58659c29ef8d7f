"""Reads of shipping that a transport needs: the carrier attempt log of shipments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import Select, select

from clarus.shipping.tables import shipment_carrier_attempts, shipment_submissions

CarrierAttemptsQuery = Select[int, int, str, int, str, str | None, dt.datetime]


def carrier_attempts(*, tenant_id: int, shipment_ids: Collection[int]) -> CarrierAttemptsQuery:
    """The carrier calls the worker made for the tenant's shipments: each with its shipment id
    and action (`submit`, `cancel`), oldest first."""
    attempts, submissions = shipment_carrier_attempts, shipment_submissions
    return (
        select(
            attempts.c.id,
            submissions.c.shipment_id,
            submissions.c.action,
            attempts.c.attempt,
            attempts.c.outcome,
            attempts.c.message,
            attempts.c.finished_at,
        )
        .join(submissions, submissions.c.id == attempts.c.submission_id)
        .where(
            attempts.c.tenant_id == tenant_id,
            submissions.c.tenant_id == tenant_id,
            submissions.c.shipment_id.in_(shipment_ids),
        )
        .order_by(attempts.c.id)
    )
