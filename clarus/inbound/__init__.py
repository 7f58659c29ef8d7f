from clarus.inbound import registrations as registrations
