"""Goods out: orders, allocation, pick lists, dispatch. Importing the package registers what
tasks needs from it (`registrations`)."""

from clarus.outbound import registrations as registrations
