"""Which `WebhookDirectory` the worker asks, when none is passed in."""

from __future__ import annotations

from clarus.core.secret_box import SecretBox
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.targets import WebhookDirectory


def default_directory(box: SecretBox) -> WebhookDirectory:
    """The automations' directory: the webhook actions of the tenant's enabled automations,
    their secrets opened with `box`."""
    return AutomationDirectory(box)
