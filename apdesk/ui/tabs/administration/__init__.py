"""The Administration tab (`tab.py`): staff account forms (`account_dialogs.py`, whose
`SubmitDialog` other dialogs share) and backups (`backup_box.py`).
"""
