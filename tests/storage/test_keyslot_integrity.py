"""`check` finds a damaged key slot without unwrapping it, and names the slot.

Every byte of a real keyslots.json is flipped one bit at a time: each flip is found. A few
flips inside the recovery slot go through `apdesk check` itself, which keeps working on a
keyring store (the recovery slot is not needed to unlock it) and must name that slot.
"""

from __future__ import annotations

import json

import pytest

from apdesk.storage.keyslots import slot_problems
from tests.storage.helpers import run_cli


def test_a_whole_file_has_no_problems(copied_store, store_template):
    assert slot_problems(copied_store.keyslots.read_bytes(), store_template.key) == []


def test_every_one_bit_flip_is_found(copied_store, store_template):
    raw = copied_store.keyslots.read_bytes()
    missed = []
    for at in range(len(raw)):
        damaged = bytearray(raw)
        damaged[at] ^= 1 << (at % 8)
        if not slot_problems(bytes(damaged), store_template.key):
            missed.append((at, chr(raw[at])))
    assert missed == []


def _recovery_positions(raw: bytes) -> list[int]:
    """Two characters inside each of the recovery slot's salt, nonce and wrapped key."""
    start, found = raw.index(b'"recovery"'), []
    for name in (b'"salt": "', b'"nonce": "', b'"wrapped_key": "'):
        at = raw.index(name, start) + len(name)
        found += [at + 1, at + 7]
    return found


@pytest.mark.parametrize("nth", range(6))
def test_check_names_the_damaged_recovery_slot(copied_store, capsys, nth):
    raw = copied_store.keyslots.read_bytes()
    at = _recovery_positions(raw)[nth]
    damaged = bytearray(raw)
    damaged[at] ^= 0x01  # stays a base64 letter: the JSON still reads
    copied_store.keyslots.write_bytes(bytes(damaged))
    status, text = run_cli(capsys, copied_store.folder, "check")
    assert status == 1, text
    assert "unexpected" not in text and "Traceback" not in text
    assert "FAIL key slots" in text and "recovery slot" in text, text


def test_a_removed_recovery_slot_and_weakened_argon2_are_named(copied_store, store_template):
    body = json.loads(copied_store.keyslots.read_bytes())
    body["slots"]["passphrase"] = dict(body["slots"]["recovery"])
    body["slots"]["passphrase"]["kdf"] = dict(body["slots"]["recovery"]["kdf"], iterations=0)
    del body["slots"]["recovery"]
    problems = slot_problems(json.dumps(body).encode(), store_template.key)
    assert any("recovery slot is missing" in p for p in problems)
    assert any("passphrase slot is damaged: its seal does not match" in p for p in problems)
    assert any("iterations (0) is outside 1 to 64" in p for p in problems)
    assert any("list of slots" in p for p in problems)
