"""The encrypted store: SQLCipher engine, key slots, migrations, backup, lock and audit chain.

Importing the package maps the domain's entities onto the tables, once per process, so no
entity can be built unmapped: every service and window imports storage before it makes one.
(An entity made before mapping has no instrumentation and breaks the first relationship it
touches; the first set-up wizard failed exactly so.)
"""

from apdesk.storage.mapping import map_domain

map_domain()
