"""Roles and what each may do. Services check these before they write."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import DomainError

ROLES = ("manager", "medical", "front_desk", "logistics", "viewer")

PERMISSIONS: dict[str, frozenset[str]] = {
    "manager": frozenset({"register", "check_in", "rooms", "tests", "health", "release",
                          "override", "supplies", "settings", "users", "export_personal",
                          "shift_log", "view_personal", "backup", "audit"}),
    "medical": frozenset({"tests", "health", "release", "shift_log", "view_personal"}),
    "front_desk": frozenset({"register", "check_in", "rooms", "shift_log", "view_personal"}),
    "logistics": frozenset({"supplies", "shift_log"}),
    "viewer": frozenset(),
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
SYSTEM = Actor("system", "manager", "system")
