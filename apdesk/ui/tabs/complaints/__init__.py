"""The Complaints tab (`tab.py`) and a complaint's record (`editor.py`)."""
