"""The outcome of a run's checks: each check passed or failed, with what was wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


@dataclass
class Verdict:
    checks: list[Check]
    orders_checked: int = 0
    stock_records_checked: int = 0
    events: int = 0
    received: int = 0
    duplicates: int = 0
    drain_seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def add(self, name: str, problems: Sequence[str]) -> None:
        detail = "; ".join(problems[:5]) + (f" (+{len(problems) - 5})" if len(problems) > 5 else "")
        self.checks.append(Check(name, not problems, detail))
