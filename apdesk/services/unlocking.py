"""Unlocking a store the way a person or a script expects: keyring, then passphrase, then ask.

The order is the CLI's contract: the keyring slot first (silent), then `APDESK_PASSPHRASE`,
then a prompt when someone is at a terminal. The window uses the same steps through its own
screens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from apdesk.storage.errors import KeyringEntryMissing, KeyringUnavailable, StoreError, WrongKey
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.store import StorePaths, load_slots
from apdesk.storage.unlock import key_from_keyring, key_from_secret, restore_keyring_slot

Prompt = Callable[[str], str]
GIVE_PASSPHRASE = "set APDESK_PASSPHRASE, or run the command at a terminal to be asked for it"
NO_PASSPHRASE = (
    f"The store is locked with a passphrase and none was given: {GIVE_PASSPHRASE}. "
    "Nothing was changed."
)
ALSO_PASSPHRASE = f"Its passphrase opens it too: {GIVE_PASSPHRASE}."


@dataclass
class Unlocker:
    paths: StorePaths
    keyring: SystemKeyring
    passphrase: str | None = None
    recovery_code: str | None = None
    prompt: Prompt | None = None

    def key(self) -> bytes:
        """The database key by the first slot that works; the last failure if none does."""
        slots = load_slots(self.paths)
        failure: StoreError | None = None
        if slots.has(KEYRING):
            try:
                return key_from_keyring(self.paths, self.keyring)
            except (KeyringEntryMissing, KeyringUnavailable, WrongKey) as exc:
                failure = exc
        if slots.has(PASSPHRASE):
            secret = self.passphrase or self._ask("Passphrase for the APDesk store: ")
            if secret:
                return key_from_secret(self.paths, PASSPHRASE, secret)
            # its passphrase opens it: say so, not only the recovery code a keyring failure names
            raise WrongKey(NO_PASSPHRASE if failure is None else f"{failure} {ALSO_PASSPHRASE}")
        raise failure or KeyringEntryMissing(
            "The store could not be unlocked here. Run `apdesk recover` with the recovery code."
        )

    def key_by_recovery_code(self) -> bytes:
        code = self.recovery_code or self._ask(
            "Recovery code (from the sheet in the school safe): "
        )
        if not code:
            raise WrongKey("No recovery code was given. Nothing was changed.")
        return key_from_secret(self.paths, RECOVERY, code)

    def restore_keyring(self, key: bytes) -> bool:
        """Put the key back in the keyring after a recovery, if this computer has a secure one."""
        if not self.keyring.is_secure():
            return False
        restore_keyring_slot(self.paths, self.keyring, key)
        return True

    def key_for_backup(self, slots: KeySlots) -> bytes:
        """The key of a backup (its own slots), by keyring, passphrase or recovery code."""
        if self.keyring.is_secure():
            try:
                key = self.keyring.get_key(slots.store_id)
                if slots.check_key(key):
                    return key
            except StoreError:
                pass
        if slots.has(PASSPHRASE) and self.passphrase:
            return slots.open_secret_slot(PASSPHRASE, self.passphrase)
        code = self.recovery_code or self._ask("Recovery code for the store in this backup: ")
        if not code:
            raise WrongKey("No recovery code was given. Nothing was changed.")
        return slots.open_secret_slot(RECOVERY, code)

    def _ask(self, question: str) -> str:
        return self.prompt(question) if self.prompt is not None else ""
