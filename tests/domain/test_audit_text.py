"""What an audit row keeps: free text as its digest, codes as they are, who a pupil is apart.

Written for `make mutate MUTANTS='apdesk.domain.audit_text*'` (4 Dec 2026), whose 50 mutants
no domain test reached (the storage tests use it only through the audit log).
"""

from __future__ import annotations

from apdesk.domain.audit_text import digest, identifying, is_digest, redact

ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_the_digest_is_the_sha256_of_the_utf8_text() -> None:
    assert digest("abc") == ABC
    assert digest("é") == "sha256:4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"


def test_a_digest_is_its_prefix_and_64_hex_digits_and_nothing_else() -> None:
    assert is_digest(ABC)
    assert not is_digest(ABC[:-1])
    assert not is_digest(ABC + "0")
    assert not is_digest("sha512:" + ABC[7:])
    assert not is_digest(71)


def test_free_text_is_kept_as_its_digest_and_codes_ids_and_flags_as_they_are() -> None:
    values = {"narrative": "abc", "category": "behaviour", "id": 7, "cp_plan": True, "note": ""}
    assert redact("incident", values) == {
        "narrative": ABC,
        "category": "behaviour",
        "id": 7,
        "cp_plan": True,
        "note": "",
    }
    assert redact("incident", None) is None


def test_a_key_free_text_only_for_one_kind_of_record_is_a_code_elsewhere() -> None:
    assert redact("incident", {"decision": "abc"}) == {"decision": ABC}
    assert redact("placement", {"decision": "abc"}) == {"decision": "abc"}
    assert redact("referral", {"outcome": "abc"}) == {"outcome": ABC}
    assert redact("placement", {"outcome": "reintegrated"}) == {"outcome": "reintegrated"}


def test_a_digest_is_not_digested_again() -> None:
    assert redact("review", {"concerns": ABC}) == {"concerns": ABC}


def test_lists_and_nested_records_are_redacted_by_their_own_keys() -> None:
    values = {
        "notes": ["abc", ""],
        "codes": ["B", "K"],
        "objectives": [{"target": "abc", "area": "attendance"}],
    }
    assert redact("placement", values) == {
        "notes": [ABC, ""],
        "codes": ["B", "K"],
        "objectives": [{"target": ABC, "area": "attendance"}],
    }


def test_only_a_row_about_a_pupil_has_identifying_keys() -> None:
    values = {"upn": "F938412319001", "legal_last_name": "Lee", "year_group": 9}
    assert identifying("pupil", values) == {"upn", "legal_last_name"}
    assert identifying("placement", values) == frozenset()
    assert identifying("pupil", {}) == frozenset()
    assert identifying("pupil", None) == frozenset()


def test_a_record_nested_in_a_nested_record_is_redacted_by_its_own_keys_too() -> None:
    values = {"objectives": [{"reviews": [{"concerns": "abc", "kind": "visit"}]}]}
    assert redact("placement", values) == {
        "objectives": [{"reviews": [{"concerns": ABC, "kind": "visit"}]}]
    }
