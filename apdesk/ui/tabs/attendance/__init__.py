"""The Attendance tab: the weekly register (`tab.py`, `register_model.py`), one pupil's picture
beside it (`side.py`, `charts.py`) and the risk register (`risk_register.py`).
"""
