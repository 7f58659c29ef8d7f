"""Stock control: stock checks (cycle counts), replenishment of pick faces, put-away rules,
warehouse routes and the product and location groups they name."""

from clarus.stockcontrol import registrations as registrations
