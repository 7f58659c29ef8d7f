"""Automation request bodies shared by the webhook tests."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

PUBLIC_URL = "https://93.184.215.14/hooks/clarus"
"""A public address written as an IP literal, so the check needs no DNS."""


def webhook_action(url: str = PUBLIC_URL, method: str | None = None) -> dict[str, Any]:
    parameters = [{"type": "ADD", "attributes": {"parameter_code": "webhook_url", "value": url}}]
    if method is not None:
        parameters.append(
            {"type": "ADD", "attributes": {"parameter_code": "webhook_method", "value": method}}
        )
    return {
        "type": "ADD",
        "attributes": {"destination_type": "webhook", "parameters_changes": parameters},
    }


def condition(
    source_path: str = "data.account_id", operator: str = "eq", value: Any = "42"
) -> dict[str, Any]:
    return {
        "type": "ADD",
        "attributes": {
            "condition_code": "account_id",
            "source_path": source_path,
            "operator": operator,
            "value": value,
        },
    }


def automation_body(**attributes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "resource_name": "goods_out",
        "event": "completed",
        "name": "Tell the shop",
        "enabled": True,
        "conditions_changes": [condition()],
        "actions_changes": [webhook_action()],
    }
    values.update(attributes)
    return {"data": {"type": "automations", "attributes": values}}


def resolving(names: dict[str, str]) -> Callable[..., Any]:
    """`socket.getaddrinfo`, with `names` answered by the address given, and other names
    ending in `.test` unknown."""
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in names:
            return real(names[host], port, *args, **kwargs)
        if isinstance(host, str) and host.endswith(".test"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, port, *args, **kwargs)

    return getaddrinfo
