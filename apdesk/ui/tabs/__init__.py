"""The main window's tabs: each a searchable list beside a detail editor.

`registry.py` lists the tabs in order. A tab with several files is a package holding them
(`attendance/`, `pupils/`, `placements/`, ...: `tab.py` is the tab, `editor.py` its record);
a one-file tab is a module (`today.py`, `training.py`); what tabs share is in `common/`.
"""
