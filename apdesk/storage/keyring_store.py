"""The OS keyring behind a small interface that refuses insecure backends and names its errors.

Only backends `keyring` itself recommends (priority >= 1: Windows Credential Manager, macOS
Keychain, Secret Service) are used. A plain-text file, `fail` or `null` backend is refused, and
the caller offers the passphrase slot instead. There is never a plain-text fallback.

The keyring library (and the OS backend it finds) is loaded on first use, not on import or
construction: a start on a passphrase shows its window without it (decision 0024).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apdesk.storage.errors import KeyringEntryMissing, KeyringUnavailable

if TYPE_CHECKING:
    import keyring.backend

SERVICE = "apdesk"


class SystemKeyring:
    """The database key for a store, kept in the OS keyring under service `apdesk`."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._chosen = backend

    @property
    def _backend(self) -> keyring.backend.KeyringBackend:
        if self._chosen is None:
            import keyring

            self._chosen = keyring.get_keyring()
        return self._chosen

    @property
    def name(self) -> str:
        return type(self._backend).__name__

    def is_secure(self) -> bool:
        priority = getattr(self._backend, "priority", 0)
        try:
            return float(priority) >= 1
        except (TypeError, ValueError):
            return False

    def require_secure(self) -> None:
        if not self.is_secure():
            raise KeyringUnavailable(
                f"This computer has no secure keyring (found '{self.name}', which APDesk will "
                "not trust with the key). Use a passphrase instead: run `apdesk init "
                "--passphrase`, or choose 'Use a passphrase' in the set-up window."
            )

    def get_key(self, store_id: str) -> bytes:
        import keyring.errors

        self.require_secure()
        try:
            value = self._backend.get_password(SERVICE, store_id)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(f"The keyring could not be read: {exc}.") from None
        if not value:
            raise KeyringEntryMissing(
                "This computer's keyring no longer holds the key for the APDesk store (this "
                "happens after a Windows profile or password reset). Unlock it with the "
                "recovery code from the school safe: run `apdesk recover`."
            )
        try:
            return bytes.fromhex(value)
        except ValueError:
            raise KeyringEntryMissing(
                "The keyring entry for APDesk is damaged. Unlock with the recovery code: "
                "run `apdesk recover`."
            ) from None

    def set_key(self, store_id: str, key: bytes) -> None:
        import keyring.errors

        self.require_secure()
        try:
            self._backend.set_password(SERVICE, store_id, key.hex())
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(f"The keyring refused to store the key: {exc}.") from None

    def delete_key(self, store_id: str) -> None:
        import keyring.errors

        try:
            self._backend.delete_password(SERVICE, store_id)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(f"The keyring refused to remove the key: {exc}.") from None
