"""The Incidents tab (`tab.py`) and an incident's record (`editor.py`)."""
