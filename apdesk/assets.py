"""Where APDesk's own files (icon, fonts) are, in a source checkout and when installed.

A checkout keeps them in the top-level ``resources/`` folder; ``apdesk/resources`` is a
symbolic link to it, so an editable install sees them too. A wheel (and the Windows
installer, which is built from one) holds a real copy at ``apdesk/resources`` as package
data. Nothing here touches the network or the user's data folder.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["fonts_dir", "icon_ico", "icon_png", "resources_dir"]

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding ``fonts/`` and ``icons/``, wherever APDesk runs from."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    return _PACKAGE / "resources"  # missing: callers find no files and fall back


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icon_png() -> Path:
    return resources_dir() / "icons" / "apdesk.png"


def icon_ico() -> Path:
    return resources_dir() / "icons" / "apdesk.ico"
