"""Storage errors, each with a message fit to show the person at the keyboard."""

from apdesk.domain.errors import ApdeskError


class StoreError(ApdeskError):
    """Something about the store stops the program; the message says what to do."""


class StoreMissing(StoreError):
    """No store exists in the data folder yet."""


class WrongKey(StoreError):
    """A key, passphrase or recovery code did not open the store. The file was not touched."""


class StoreDamaged(StoreError):
    """The key is right but the file will not open: restore from a backup."""


class KeyringUnavailable(StoreError):
    """The OS keyring is missing, insecure or refused us; the passphrase slot is the way on."""


class KeyringEntryMissing(StoreError):
    """The keyring is fine but holds no key for this store (a reset Windows profile, say)."""


class StoreInUse(StoreError):
    """Another copy of APDesk holds the store."""


class SchemaTooNew(StoreError):
    """The store was written by a newer APDesk than this one."""


class UpgradeBrokeLinks(StoreError):
    """A schema upgrade would leave rows pointing at nothing; it was rolled back."""
