"""Typed readers for settings from the environment.

Each reader fails loudly with the variable's name when a value cannot be parsed, so a
misconfigured deployment stops at start-up instead of running with a silent default.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse


class EnvError(RuntimeError):
    pass


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise EnvError(f"{name} must be set")
        if default is None:
            raise EnvError(f"{name} must be set (no default)")
        return default
    return value


def env_optional(name: str) -> str | None:
    value = os.environ.get(name, "")
    return value or None


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"{name}={raw!r} is not a boolean (use true/false)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        value = default
    else:
        try:
            value = int(raw)
        except ValueError as exc:
            raise EnvError(f"{name}={raw!r} is not an integer") from exc
    if minimum is not None and value < minimum:
        raise EnvError(f"{name}={value} is below the minimum of {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def env_networks(name: str) -> tuple[Network, ...]:
    """A comma-separated list of addresses or CIDR blocks (`127.0.0.1, 10.0.0.0/8, ::1`)."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise EnvError(f"{name}: {item!r} is not an IP address or CIDR block") from exc
    return tuple(networks)


@dataclass(frozen=True)
class DatabaseConfig:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] | None = None

    def as_django(self) -> dict[str, object]:
        config: dict[str, object] = {
            "ENGINE": self.engine,
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": self.port,
            "CONN_MAX_AGE": 60 if self.engine.endswith("postgresql") else 0,
        }
        if self.options:
            config["OPTIONS"] = dict(self.options)
        return config


def parse_database_url(url: str, *, base_dir: Path) -> DatabaseConfig:
    """Parse `sqlite:///relative/or//absolute.db` or `postgres://user:pw@host:port/name`."""
    parsed = urlparse(url)
    scheme = parsed.scheme
    if scheme == "sqlite":
        path = unquote(parsed.path)
        if path in {"", "/"}:
            raise EnvError(f"DATABASE_URL={url!r} names no SQLite file")
        if path == "/:memory:":
            return DatabaseConfig("django.db.backends.sqlite3", ":memory:")
        # sqlite:///var/x.db is relative to the project; sqlite:////abs/x.db is absolute.
        file_path = Path(path[1:])
        if not file_path.is_absolute():
            file_path = base_dir / file_path
        return DatabaseConfig("django.db.backends.sqlite3", str(file_path))
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise EnvError(f"DATABASE_URL={url!r} names no database")
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return DatabaseConfig(
            "django.db.backends.postgresql",
            name,
            unquote(parsed.username or ""),
            unquote(parsed.password or ""),
            parsed.hostname or "",
            str(parsed.port or ""),
            options or None,
        )
    raise EnvError(f"DATABASE_URL scheme {scheme!r} is not supported (use sqlite or postgres)")
