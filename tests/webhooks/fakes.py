"""An in-memory webhook directory and a clock that tests move by hand."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.webhooks.targets import WebhookTarget

_ids = itertools.count(random.randint(10_000, 1_000_000) * 1000)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
NEW_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"


@dataclass
class Subscription:
    tenant_id: int
    resource_name: str
    event: str
    target: WebhookTarget


class FakeDirectory:
    """Targets by tenant, resource and event; `disable` records why and turns them off."""

    def __init__(self) -> None:
        self.subscriptions: list[Subscription] = []
        self.disabled: dict[int, str] = {}

    def add(
        self,
        tenant_id: int,
        resource_name: str,
        event: str,
        url: str,
        *,
        method: str = "POST",
        integration_id: int | None = None,
        secrets: tuple[str, ...] = (SECRET,),
        automation_id: int | None = None,
    ) -> WebhookTarget:
        target = WebhookTarget(
            automation_id=automation_id if automation_id is not None else next(_ids),
            action_id=next(_ids),
            url=url,
            method=method,
            integration_id=integration_id,
            secrets=secrets,
        )
        self.subscriptions.append(Subscription(tenant_id, resource_name, event, target))
        return target

    def change(self, action_id: int, **changes: Any) -> None:
        for subscription in self.subscriptions:
            if subscription.target.action_id == action_id:
                subscription.target = replace(subscription.target, **changes)

    def remove(self, action_id: int) -> None:
        self.subscriptions = [s for s in self.subscriptions if s.target.action_id != action_id]

    async def targets_for(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        resource_name: str,
        event: str,
        payload: Mapping[str, Any],
    ) -> list[WebhookTarget]:
        return [
            s.target
            for s in self.subscriptions
            if (s.tenant_id, s.resource_name, s.event) == (tenant_id, resource_name, event)
            and s.target.automation_id not in self.disabled
        ]

    async def target(
        self, session: AsyncSession, *, tenant_id: int, action_id: int
    ) -> WebhookTarget | None:
        for s in self.subscriptions:
            if (
                s.tenant_id == tenant_id
                and s.target.action_id == action_id
                and s.target.automation_id not in self.disabled
            ):
                return s.target
        return None

    async def disable(
        self, session: AsyncSession, *, tenant_id: int, automation_id: int, reason: str
    ) -> None:
        self.disabled[automation_id] = reason


class FakeClock:
    def __init__(self) -> None:
        self.current = utcnow()

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, delta: dt.timedelta) -> None:
        self.current += delta
