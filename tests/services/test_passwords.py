"""Staff passwords are kept as Argon2id hashes at the program's real cost.

The suite's in-process tests hash at the smallest cost (tests/conftest.py), so the real cost
is checked here the way the program runs: in a fresh interpreter with no test fixture.
"""

from __future__ import annotations

import subprocess
import sys

from apdesk.services.passwords import hash_password, password_matches


def test_a_password_is_hashed_at_the_programs_real_cost_in_a_fresh_interpreter():
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            "from apdesk.services.passwords import hash_password; print(hash_password('pw'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    encoded = ran.stdout.strip()
    assert encoded.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), encoded
    assert password_matches("pw", encoded)  # checked at the cost the hash names
    assert not password_matches("pW", encoded)


def test_only_the_same_password_matches_its_hash():
    encoded = hash_password("correct horse battery")
    assert password_matches("correct horse battery", encoded)
    assert not password_matches("correct horse battery ", encoded)
    assert not password_matches("", encoded)
    assert not password_matches("correct horse battery", "not a hash at all")
    assert hash_password("correct horse battery") != encoded  # a fresh salt each time
