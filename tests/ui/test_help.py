"""Help: the getting-started guide, About with the version, SQLCipher and the data folder,
and a governor's window that opens the documents a governor may see."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from apdesk import __version__
from apdesk.domain.enums import Role


def texts(dialog):
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_getting_started_says_what_to_do_first(qtbot, make_window):
    window = make_window(Role.HEADTEACHER)
    guide = window.show_guide()
    text = texts(guide)
    first, providers, pupils = (text.index(w) for w in ("terms", "Providers", "Pupils"))
    assert first < providers < pupils
    guide.close()


def test_about_names_the_version_sqlcipher_and_the_data_folder(qtbot, make_window, services):
    window = make_window(Role.DSL)
    about = window.show_about()
    text = texts(about)
    assert f"APDesk {__version__}" in text
    assert "SQLCipher" in text
    assert str(services.store.paths.folder) in text
    assert "Keyring backend" in text
    about.close()


@pytest.mark.parametrize("name", ["register of pupils in AP", "governors' termly report"])
def test_a_governor_sees_the_documents_they_may_open(qtbot, make_window, name, monkeypatch):
    window = make_window(Role.GOVERNOR)
    opened = []
    school = window.documents.school
    monkeypatch.setattr(school, "register", lambda: opened.append("register"))
    monkeypatch.setattr(school, "governors_report", lambda: opened.append("report"))
    button = next(
        b for b in window.workspace.findChildren(QPushButton) if name in b.accessibleName()
    )
    assert button.isVisible()
    button.click()
    assert opened == ["register" if "register" in name else "report"]
