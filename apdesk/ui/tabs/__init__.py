"""The main window's tabs: each a searchable list beside a detail editor."""
