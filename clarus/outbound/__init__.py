from clarus.outbound import registrations as registrations
