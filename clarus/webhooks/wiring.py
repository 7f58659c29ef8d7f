"""Which `WebhookDirectory` the worker asks, when none is passed in."""

from __future__ import annotations

from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.targets import WebhookDirectory


def default_directory() -> WebhookDirectory:
    """The automations' directory: the webhook actions of the tenant's enabled automations."""
    return AutomationDirectory()
