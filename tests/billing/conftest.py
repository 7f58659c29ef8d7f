"""The shipping worker hands shipments to their carriers in the shipment charging tests."""

from __future__ import annotations

from tests.shipping.conftest import shipping_worker

__all__ = ["shipping_worker"]
