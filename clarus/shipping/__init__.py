"""Shipping and transport: packages and shipments with their carriers (a built-in custom
carrier and an HTTP bridge), loads and their drops, trailers and trailer types, dock bookings,
crossdocks and collection addresses. Importing the package registers what master data needs
from it (`registrations`)."""

from clarus.shipping import registrations as registrations
