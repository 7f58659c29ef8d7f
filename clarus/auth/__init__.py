"""API clients, users, roles and tokens. Importing the package registers what tenancy needs
from it (`registrations`)."""

from clarus.auth import registrations as registrations
