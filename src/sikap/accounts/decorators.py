"""The view guards live in `sikap.core.decorators`; this name stays for existing importers."""

from sikap.core.decorators import require_capability, requires

__all__ = ["require_capability", "requires"]
