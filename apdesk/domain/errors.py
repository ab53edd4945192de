"""The error every layer raises when a user must be told something in plain English."""


class ApdeskError(Exception):
    """An error whose message is written for the person using the program, not a developer."""
