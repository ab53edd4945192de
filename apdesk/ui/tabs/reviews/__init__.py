"""The Reviews tab (`tab.py`): recording a review (`editor.py`, `form.py`) and correcting a
held one (`correction.py`).
"""
