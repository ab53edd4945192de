"""The Pupils tab (`tab.py`): the pupil record (`editor.py`), its Multi-agency page
(`agencies.py`), raising a concern (`concern_dialog.py`) and the file leaving the school
(`leaving_buttons.py`).
"""
