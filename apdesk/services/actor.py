"""Who a service acts for: the signed-in member of staff (`Actor`), or APDesk itself (`SYSTEM`)."""

from __future__ import annotations

from dataclasses import dataclass

from apdesk.domain.enums import Role
from apdesk.domain.permissions import ROLE_NAMES, Permission, allowed


@dataclass(frozen=True)
class Actor:
    """The signed-in member of staff on whose behalf a service acts."""

    staff_id: int
    username: str
    display_name: str
    roles: frozenset[Role]

    @property
    def label(self) -> str:
        return f"{self.display_name} ({self.username})"

    @property
    def role_names(self) -> str:
        return ", ".join(ROLE_NAMES[r] for r in sorted(self.roles))

    def may(self, permission: Permission) -> bool:
        return allowed(self.roles, permission)


SYSTEM = Actor(0, "system", "APDesk", frozenset())
