"""The Placements tab (`tab.py`): a placement's record (`editor.py`) and its pages (`pages.py`)."""
