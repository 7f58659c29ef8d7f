"""The webhooks Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.webhooks.models import (
    Automation,
    AutomationAction,
    AutomationActionParameter,
    AutomationActionParameterAttachment,
    AutomationCondition,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSecret,
)

automations = table_of(Automation)
automation_conditions = table_of(AutomationCondition)
automation_actions = table_of(AutomationAction)
automation_action_parameters = table_of(AutomationActionParameter)
automation_action_parameter_attachments = table_of(AutomationActionParameterAttachment)
webhook_secrets = table_of(WebhookSecret)
webhook_deliveries = table_of(WebhookDelivery)
webhook_attempts = table_of(WebhookAttempt)
