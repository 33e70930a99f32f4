"""Roles and capabilities live in `sikap.core.roles`; this name stays for existing importers."""

from sikap.core.roles import ROLE_CAPABILITIES, Cap, Role, capabilities_of

__all__ = ["ROLE_CAPABILITIES", "Cap", "Role", "capabilities_of"]
