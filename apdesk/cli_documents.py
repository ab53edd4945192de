"""Sub-commands for documents (registered by apdesk.cli.build_parser)."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(sub: Any) -> None:
    """Add this module's sub-commands to the `apdesk` parser."""
    del sub


__all__ = ["add_commands", "argparse"]
