"""The CP-file transfer made in the real window, in a fresh interpreter: the DSL signs in,
chooses the pupil, presses Transfer CP file…, saves the pack where the file dialog offers
(Documents) and is shown the code; the PDF opens with that code only, and `apdesk transfer
list` then shows the pack sent with its receipt to come."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.program import ROOT, apdesk, environment

STORE = Path(__file__).parent.parent / "stores" / "schema-0017"
PASSPHRASE = "schema-0017-test-passphrase"


def test_the_dsl_sends_the_file_from_the_window(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(STORE, data)
    documents = tmp_path / "Documents"
    documents.mkdir()
    env = environment(tmp_path, "none", APDESK_DATA_DIR=str(data))
    window = subprocess.run(
        [sys.executable, "-m", "tests.e2e.transfer_robot"],
        cwd=ROOT,
        env={
            **env,
            "ROBOT_USERNAME": "dsl",
            "ROBOT_PASSWORD": "schema-0017-dsl-password",
            "ROBOT_PASSPHRASE": PASSPHRASE,
            "ROBOT_TIMEOUT": "150",
        },
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    said = window.stdout + window.stderr
    assert window.returncode == 0, said
    assert "Traceback" not in said
    assert "transfer > Make the pack…" in said and "file dialog > Save" in said
    found = re.search(r"CODE: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})", said)
    assert found, said
    # the save dialog opened in Documents, suggesting a name that says what the file is
    saved = re.search(r"SAVED AS: (.+)", said)
    assert saved, said
    pack = Path(saved.group(1).strip())
    assert pack.parent == documents and pack.exists(), said
    assert pack.name.startswith("CP file - ") and "for Hillcrest Fictional High" in pack.name
    reader = PdfReader(pack)
    assert reader.is_encrypted
    assert not reader.decrypt("0000-0000-0000-0000-0000")
    assert reader.decrypt(found.group(1))
    assert "OFFICIAL-SENSITIVE" in reader.pages[0].extract_text()

    dsl = {**env, "APDESK_PASSPHRASE": PASSPHRASE, "APDESK_PASSWORD": "schema-0017-dsl-password"}
    listed = apdesk(dsl, "transfer", "list", "--user", "dsl")
    assert listed.code == 0, listed.text
    assert "to Hillcrest Fictional High for Sam Receiver, sent" in listed.out
    assert "no receipt yet" in listed.out
    assert found.group(1) not in listed.out  # the code is kept nowhere
