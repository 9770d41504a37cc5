"""Roles and what each may do. Services check these before they write."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import DomainError
from .vocabulary import Role

ROLES: tuple[str, ...] = tuple(r.value for r in Role)

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.MANAGER: frozenset({"register", "check_in", "rooms", "tests", "health", "release",
                          "override", "supplies", "settings", "users", "export_personal",
                          "shift_log", "view_personal", "backup", "audit"}),
    Role.MEDICAL: frozenset({"tests", "health", "release", "shift_log", "view_personal"}),
    Role.FRONT_DESK: frozenset({"register", "check_in", "rooms", "shift_log", "view_personal"}),
    Role.LOGISTICS: frozenset({"supplies", "shift_log"}),
    Role.VIEWER: frozenset(),
}


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    display_name: str = ""

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())

    def label(self) -> str:
        """How an export or printout names the person who made it: "王芳 (wangf)"."""
        if self.display_name and self.display_name != self.username:
            return f"{self.display_name} ({self.username})"
        return self.username

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise DomainError("permission_denied", permission=permission, role=self.role)


# Headless jobs (command line, demo, self-test) run as the site's system account.
SYSTEM = Actor("system", Role.MANAGER.value, "system")
