"""`apdesk retention` in fresh interpreters: list, a preview that deletes nothing, dispose,
then the pupil is gone, the audit row says so, and `apdesk check` passes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from tests.e2e.program import PASSPHRASE, apdesk


def _age(data: Path, upn: str, born: date) -> None:
    """Move a pupil's date of birth back (the MIS import refuses an adult's, rightly)."""
    paths = StorePaths(data)
    store = open_store(paths, key_from_secret(paths, "passphrase", PASSPHRASE), datetime.now())
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE pupil SET date_of_birth = ? WHERE upn = ?", (born.isoformat(), upn)
            )
    finally:
        store.close()


HEADER = "Adno,UPN,Legal Surname,Legal Forename,Preferred Forename,Gender,DOB,Year,SEN Status"


def test_a_file_past_its_period_is_listed_previewed_and_disposed_of(
    demo_school: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = demo_school
    dsl = {**env, "APDESK_PASSWORD": "demo-password-dsl"}
    assert (
        "Nothing is past its retention period today."
        in apdesk(dsl, "retention", "list", "--user", "dsl").out
    )
    old = tmp_path / "old.csv"
    old.write_text(f"{HEADER}\n009999,L938412390001,Oldfile,Ursula,,F,04/03/2012,9,N\n")
    imported = apdesk(dsl, "import", "pupils", str(old), "--user", "dsl", "--yes")
    assert imported.code == 0 and "Imported 1 new" in imported.out, imported.text
    _age(data, "L938412390001", date(1990, 3, 4))  # as if kept since she was at school

    listed = apdesk(dsl, "retention", "list", "--user", "dsl")
    assert listed.code == 0, listed.text
    assert "1 past their retention period" in listed.out
    assert (
        "Ursula Oldfile (born 4 Mar 1990): Child-protection and AP file, kept until 4 Mar 2015"
        in listed.out
    )
    pupil = listed.out.split("pupil ")[1].split()[0]

    args = ("retention", "dispose", "--pupil", pupil, "--records", "file", "--user", "dsl")
    why = ("--reason", "Past DOB + 25 years at the annual retention review")
    shown = apdesk(dsl, *args, *why)
    assert shown.code == 0 and "Nothing was deleted" in shown.out, shown.text
    done = apdesk(dsl, *args, *why, "--yes")
    assert done.code == 0 and "1 pupil record" in done.out, done.text
    again = apdesk(dsl, *args, *why, "--yes")
    assert again.code == 1 and "Traceback" not in again.text
    assert "Nothing is past" in apdesk(dsl, "retention", "list", "--user", "dsl").out

    teacher = {**env, "APDESK_PASSWORD": "demo-password-attendance"}
    refused = apdesk(teacher, "retention", "list", "--user", "attendance")
    assert refused.code == 1 and "cannot review or dispose" in refused.err, refused.text
    assert apdesk(dsl, "retention", "--user", "dsl").code == 2
    checked = apdesk(env, "check")
    assert checked.code == 0, checked.text
