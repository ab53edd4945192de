"""Keeps Python 3.11 alive under PySide6 6.12.0, which drops references to None and True.

PySide6 6.12.0 returns None from its void methods (`QLabel.setText`, `setVisible`, ...) and
True from `SignalInstance.emit` and `disconnect` without adding the reference it hands over.
From Python 3.12 these objects are immortal and nothing happens. On 3.11 every such call
takes one reference away for good: after some tens of thousands of calls (an hour or two of
use) the interpreter frees None itself and aborts with "none_dealloc" or "bool_dealloc".

Until the project runs on Python 3.12 or a fixed PySide6, `protect_singletons` gives None,
True and False so many extra references that no session can use them up. It changes
nothing else, and does nothing where those objects are already immortal.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # a million calls a second would take over thirty years to use this up
_done = False


def needed() -> bool:
    """Only a normal (non-debug) CPython before 3.12, whose singletons can be freed."""
    normal_build = not hasattr(sys, "gettotalrefcount")  # debug builds add fields first
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12) and normal_build


def protect_singletons() -> bool:
    """Add the headroom once (holding the GIL, as all Python code does); True if added."""
    global _done
    if _done or not needed():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a normal CPython build.
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    _done = True
    return True
