"""Column types for domain values: StrEnums stored by value, and lists of roles."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from apdesk.domain.enums import Role


def enum_column_type(enum_cls: type[StrEnum]) -> Enum:
    """Store a StrEnum by its value (not its name), as text with no database enum type."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class RoleList(TypeDecorator[list[Role]]):
    """A staff member's roles as comma-separated values ("headteacher,dsl")."""

    impl = String(200)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return ",".join(Role(role).value for role in value)

    def process_result_value(self, value: Any, dialect: Dialect) -> list[Role] | None:
        if value is None:
            return None
        return [Role(part) for part in str(value).split(",") if part]
