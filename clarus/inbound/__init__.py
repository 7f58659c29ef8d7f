"""Goods in: receipts, receiving, put-away. Importing the package registers what tasks needs
from it (`registrations`)."""

from clarus.inbound import registrations as registrations
