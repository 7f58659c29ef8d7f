"""Tenants (subdomains) and their defaults. Importing the package registers what master data
needs from it (`registrations`)."""

from clarus.tenancy import registrations as registrations
