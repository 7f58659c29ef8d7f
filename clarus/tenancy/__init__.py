from clarus.tenancy import registrations as registrations
