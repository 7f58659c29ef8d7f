"""Clarus: an open, self-hostable WMS with a Clarus-compatible integration API."""

__version__ = "0.1.0"
