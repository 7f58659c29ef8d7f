"""Products, storage units and their types, alternative codes and barcode formats. Importing
the package registers what tenancy needs from it (`registrations`)."""

from clarus.catalog import registrations as registrations
