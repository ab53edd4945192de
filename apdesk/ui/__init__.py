"""The Qt window. Importing it first guards Python 3.11 against PySide6 6.12.0's missing
references to None and True (see `apdesk.ui.refcounts`)."""

from apdesk.ui.refcounts import protect_singletons

protect_singletons()
