"""Which `WebhookDirectory` the worker asks, when none is passed in."""

from __future__ import annotations

from clarus.webhooks.targets import WebhookDirectory


def default_directory() -> WebhookDirectory | None:
    """The automations' directory (`clarus/webhooks/directory.py`), once it is wired here.

    None means no directory: the in-process worker does not start and `clarus worker` refuses
    to, rather than fan events out to nobody and mark them done."""
    return None
