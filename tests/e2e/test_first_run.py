"""A new school's first contact, in fresh interpreters through the program's own entry point.

The set-up wizard is driven by a robot that knows only labels and buttons; then the program
is started again, unlocks and signs in; then the command line uses the same store. No test
fixture maps, creates or unlocks anything here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.annex_b_checks import check_annex_b_evidence
from tests.e2e.program import PASSPHRASE, PASSWORD, Ran, apdesk, environment, robot


@pytest.mark.parametrize("keyring", ["secure", "none"])
def test_a_new_school_sets_up_in_the_window_and_comes_back(tmp_path: Path, keyring: str) -> None:
    data = tmp_path / "school-data"  # does not exist yet, as on a new PC
    env = environment(tmp_path, keyring, APDESK_DATA_DIR=str(data))

    first = robot(env)
    assert first.code == 0, first.text
    assert "MAIN WINDOW" in first.out, first.text
    assert "Traceback" not in first.text
    assert {"apdesk.db", "keyslots.json"} <= {p.name for p in data.iterdir()}
    assert not [p for p in data.iterdir() if p.name.startswith("setup-")]

    again = robot(env)  # restart: unlock (keyring, or the passphrase page), then sign in
    assert again.code == 0, again.text
    assert "start > Sign in" in again.out
    assert ("start > Unlock" in again.out) == (keyring == "none")

    unlock = {} if keyring == "secure" else {"APDESK_PASSPHRASE": PASSPHRASE}
    cli = environment(tmp_path, keyring, APDESK_DATA_DIR=str(data), **unlock)
    checked = apdesk(cli, "check")
    assert checked.code == 0, checked.text
    assert "All checks passed." in checked.out

    exported = apdesk(
        {**cli, "APDESK_PASSWORD": PASSWORD},
        "export",
        "register",
        "--format",
        "csv",
        "--user",
        "amorgan",
    )
    assert exported.code == 0, exported.text
    assert exported.out.splitlines()[0].startswith(("UPN", "upn", "Pupil", "pupil")), exported.out


def test_a_school_starts_from_the_command_line(
    tmp_path: Path, demo_school: dict[str, str], demo_school_made: dict[str, Ran]
) -> None:
    # `apdesk init --passphrase` and `apdesk demo` ran in fresh interpreters to make the
    # run's demo school (tests/e2e/conftest.py); this test reads what they said and uses a copy.
    env = demo_school
    made = demo_school_made["init"]
    assert made.code == 0, made.text
    assert "RECOVERY CODE" in made.out

    demo = demo_school_made["demo"]
    assert demo.code == 0, demo.text
    assert "dsl" in demo.out
    # The passphrase and recovery code slots are at the program's real Argon2id cost.
    slots = json.loads((Path(env["APDESK_DATA_DIR"]) / "keyslots.json").read_text())
    costs = {(s["kdf"]["iterations"], s["kdf"]["memory_cost"]) for s in slots["slots"].values()}
    assert costs == {(3, 64 * 1024)}, slots

    checked = apdesk(env, "check")
    assert checked.code == 0 and "All checks passed." in checked.out, checked.text

    exported = apdesk(
        {**env, "APDESK_PASSWORD": "demo-password-dsl"},
        "export",
        "risk-register",
        "--format",
        "csv",
        "--user",
        "dsl",
    )
    assert exported.code == 0, exported.text
    assert len(exported.out.splitlines()) > 1

    wrong = apdesk(
        {**env, "APDESK_PASSWORD": "not the password at all"},
        "export",
        "risk-register",
        "--format",
        "csv",
        "--user",
        "dsl",
    )
    assert wrong.code == 1
    assert "Traceback" not in wrong.text

    check_today(env)
    check_safety_net(env, tmp_path)


def check_safety_net(env: dict[str, str], folder: Path) -> None:
    """The lapsed provider with a child placed on the DSL's Today (not the inclusion lead's),
    proposed placements and Annex B to sign on the Headteacher's, and Kestrel's Annex B
    refused with the reasons."""
    dsl = apdesk({**env, "APDESK_PASSWORD": "demo-password-dsl"}, "today", "--user", "dsl")
    lapsed = [line for line in dsl.out.splitlines() if "Provider lapsed" in line]
    assert any("Kestrel Outdoor Learning is lapsed with 1 child placed" in x for x in lapsed), (
        dsl.out
    )
    lead = apdesk(
        {**env, "APDESK_PASSWORD": "demo-password-inclusion"}, "today", "--user", "inclusion"
    )
    assert lead.code == 0 and "Provider lapsed" not in lead.out, lead.text
    head_env = {**env, "APDESK_PASSWORD": "demo-password-head"}
    head = apdesk(head_env, "today", "--user", "head")
    assert "Awaiting authorisation" in head.out and "Annex B to sign" in head.out, head.out
    signed = apdesk(
        head_env,
        "document",
        "annex-b",
        "--provider",
        "Kestrel",
        "--user",
        "head",
        "--out",
        str(folder / "kestrel-annex-b.pdf"),
    )
    assert signed.code == 1, signed.text
    assert "Kestrel Outdoor Learning is lapsed" in signed.err
    assert "more than twelve months old" in signed.err
    assert "Traceback" not in signed.text
    assert not (folder / "kestrel-annex-b.pdf").exists()
    check_annex_b_evidence(head_env, folder)


def check_today(env: dict[str, str]) -> None:
    """`apdesk today --user NAME`: that person's Today list, absences one line per child a day."""
    dsl = apdesk({**env, "APDESK_PASSWORD": "demo-password-dsl"}, "today", "--user", "dsl")
    assert dsl.code == 0, dsl.text
    assert dsl.out.startswith("Today for Sam Patel:"), dsl.out
    absences = [line for line in dsl.out.splitlines() if "Unexplained absence" in line]
    assert absences, dsl.out
    child_days = [
        (line[:10], line.split("Unexplained absence")[1].split(":")[0]) for line in absences
    ]
    assert len(child_days) == len(set(child_days)), "one line per child per day"
    governor = apdesk(
        {**env, "APDESK_PASSWORD": "demo-password-governor"}, "today", "--user", "governor"
    )
    assert governor.code == 0, governor.text
    assert "Unexplained absence" not in governor.out  # governors never see a child's absences
    nobody = apdesk(env, "today")
    assert nobody.code == 2 and "--user" in nobody.err


def test_a_store_left_without_accounts_is_offered_a_fresh_start(tmp_path: Path) -> None:
    """An older APDesk left keys and a database but no account: no one could ever sign in."""
    data = tmp_path / "half-made"
    env = environment(tmp_path, "none", APDESK_DATA_DIR=str(data))
    made = apdesk({**env, "APDESK_PASSPHRASE": PASSPHRASE}, "init", "--passphrase")
    assert made.code == 0, made.text

    window = robot({**env, "ROBOT_PASSPHRASE": PASSPHRASE})
    assert window.code == 0, window.text
    pressed = window.out[window.out.index("pressed:") :]
    assert pressed.index("start > Unlock") < pressed.index("start > Start set-up again")
    assert pressed.index("Start set-up again") < pressed.index("Set up APDesk")
    assert "MAIN WINDOW" in window.out

    checked = apdesk({**env, "APDESK_PASSPHRASE": PASSPHRASE}, "check")
    assert checked.code == 0 and "All checks passed." in checked.out, checked.text
