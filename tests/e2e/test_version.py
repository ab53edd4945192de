"""`apdesk --version`: what IT staff and the installer's checks read, without opening a store."""

from __future__ import annotations

from apdesk import __version__
from tests.e2e.program import apdesk, environment


def test_version_prints_the_version_and_touches_no_data_folder(tmp_path):
    ran = apdesk(environment(tmp_path), "--data-dir", str(tmp_path / "data"), "--version")
    assert ran.code == 0, ran.text
    assert ran.out.strip() == f"APDesk {__version__}"
    assert not (tmp_path / "data").exists()
