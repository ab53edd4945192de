"""`apdesk import pupils` in a fresh interpreter: preview without --yes, import, re-import."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.program import apdesk

DATA = Path(__file__).parent.parent / "data"


def test_pupils_import_from_each_mis_and_a_second_import_changes_nothing(
    demo_school: dict[str, str], tmp_path: Path
) -> None:
    env = demo_school
    dsl = {**env, "APDESK_PASSWORD": "demo-password-dsl"}
    sims = str(DATA / "pupils-sims.csv")

    looked = apdesk(dsl, "import", "pupils", sims, "--user", "dsl")
    assert looked.code == 0, looked.text
    assert "3 new, 0 to update, 0 unchanged, 4 with a problem" in looked.out
    assert "line 5    problem   A938412319009  Terry Typo  The UPN A938412319009 has the wrong" in (
        looked.out
    )
    assert "Nothing was written. Run again with --yes to import." in looked.out

    done = apdesk(dsl, "import", "pupils", sims, "--user", "dsl", "--yes")
    assert done.code == 0, done.text
    assert "Imported 3 new and updated 0 pupils" in done.out
    for name in ("arbor", "bromcom"):
        other = apdesk(dsl, "import", "pupils", str(DATA / f"pupils-{name}.csv"), "--user", "dsl",
                       "--yes")  # fmt: skip
        assert other.code == 0 and "Imported" in other.out, other.text

    again = apdesk(dsl, "import", "pupils", sims, "--user", "dsl", "--yes")
    assert again.code == 0, again.text
    assert "0 new, 0 to update, 3 unchanged" in again.out
    assert "Nothing to import" in again.out

    governor = apdesk({**env, "APDESK_PASSWORD": "demo-password-governor"}, "import", "pupils",
                      sims, "--user", "governor", "--yes")  # fmt: skip
    assert governor.code == 1 and "Traceback" not in governor.text
    missing = apdesk(dsl, "import", "pupils", str(tmp_path / "nope.csv"), "--user", "dsl")
    assert missing.code == 1 and "There is no file" in missing.err
    checked = apdesk(env, "check")
    assert checked.code == 0, checked.text
