"""APDesk: an offline desktop program for running alternative provision safely in one school."""

__version__ = "0.1.0"
