"""The batch and dates a receive screen asks for: those the receipt's lines of the scanned
product expect (`inbound.queries.StockDetails`) and the operator's flow has a step for
(`batch`; `dates` for best-before and sell-by), each taken from its field, else from the
GS1-128 scan (AI 10 the batch, 15 the best-before date, else 17 the expiry date, 16 the
sell-by date)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from starlette.datastructures import FormData

from clarus.api.app.handheld import StepField, t, text
from clarus.catalog.records import BarcodeScanRecord
from clarus.inbound.queries import OpenReceive, StockDetails
from clarus.tasks.rf_flows import HandheldFlow
from clarus.tasks.schemas import RfStepName

Detail = Literal["batch", "best_before", "sell_by"]
STEP_OF: dict[Detail, RfStepName] = {"batch": "batch", "best_before": "dates", "sell_by": "dates"}
"""The flow step that asks for each detail, in the order the screen asks."""


def details_asked(flow: HandheldFlow, receives: list[OpenReceive]) -> tuple[Detail, ...]:
    """The details some open line of the product expects that the flow asks for."""
    return tuple(
        detail
        for detail, step in STEP_OF.items()
        if flow.asks_for(step)
        and any(getattr(receive.expects, detail) is not None for receive in receives)
    )


def details_given(
    form: FormData, read: BarcodeScanRecord, asked: tuple[Detail, ...]
) -> StockDetails | str:
    """The asked details the operator gave (typed, else scanned), or the message of a date
    that is none."""
    scanned = {"best_before": read.best_before or read.expiry_date, "sell_by": read.sell_by}
    dates: dict[str, dt.date | None] = {"best_before": None, "sell_by": None}
    for detail in dates:
        if detail not in asked:
            continue
        typed = text(form, detail)
        if not typed:
            dates[detail] = scanned[detail]
            continue
        try:
            dates[detail] = dt.date.fromisoformat(typed)
        except ValueError:
            return t("handheld.bad_date", value=typed)
    batch = (text(form, "batch") or read.batch) if "batch" in asked else None
    return StockDetails(batch=batch, sell_by=dates["sell_by"], best_before=dates["best_before"])


def missing_details(given: StockDetails, asked: tuple[Detail, ...]) -> list[Detail]:
    return [detail for detail in asked if getattr(given, detail) is None]


def detail_fields(
    flow: HandheldFlow, asked: tuple[Detail, ...], given: StockDetails
) -> list[StepField]:
    """A field for each asked detail, filled with what was given of it."""
    return [
        StepField(
            detail,
            t(f"handheld.{detail}"),
            scan=flow.input_of(STEP_OF[detail]) == "scan",
            value=_shown(getattr(given, detail)),
        )
        for detail in asked
    ]


def described(details: StockDetails) -> str:
    """`batch A, best before 2027-01-31`: what the details say, for a message."""
    parts = [
        t(f"handheld.detail_{detail}", value=_shown(getattr(details, detail)))
        for detail in STEP_OF
        if getattr(details, detail) is not None
    ]
    return ", ".join(parts) or t("handheld.detail_none")


def _shown(value: str | dt.date | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.isoformat()
