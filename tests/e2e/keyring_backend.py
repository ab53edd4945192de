"""A keyring backend for tests that start APDesk in a fresh interpreter.

Selected with PYTHON_KEYRING_BACKEND=tests.e2e.keyring_backend.FileKeyring, the keyring
library's own switch. It claims a secure system keyring's priority and keeps its entries in
the JSON file APDESK_TEST_KEYRING_FILE names, so a restarted program finds the key again, as
it would in Windows Credential Manager. Never used outside tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]

    @property
    def _file(self) -> Path:
        return Path(os.environ["APDESK_TEST_KEYRING_FILE"])

    def _entries(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._file.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}/{username}"] = password
        self._file.write_text(json.dumps(entries), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}/{username}", None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")
        self._file.write_text(json.dumps(entries), encoding="utf-8")
