"""The Administration tab (`tab.py`): staff account forms (`account_dialogs.py`) and backups
(`backup_box.py`)."""
