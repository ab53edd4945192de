"""The error every layer raises when a user must be told something in plain English.

Domain rules raise the subclasses below; every message is written for the person
using the program (British English, no jargon, says what to do next where it can).
"""


class ApdeskError(Exception):
    """An error whose message is written for the person using the program, not a developer."""


class InvalidInput(ApdeskError):
    """A value typed or imported is not acceptable (a malformed UPN, dates out of order)."""


class RuleViolation(ApdeskError):
    """An action would break a rule of the policy (authorising without Annex A, say)."""

    def __init__(self, message: str, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing: list[str] = list(missing or [])


class PermissionDenied(ApdeskError):
    """The acting staff member's roles do not allow the action."""
