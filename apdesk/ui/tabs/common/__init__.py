"""What every tab shares: the list beside a detail (`base.py`), a list beside one record editor
(`editor_tab.py`), small lists inside a record (`children.py`), checklist ticks (`ticks.py`)
and evidence files (`evidence.py`).
"""
