from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sikap.env import EnvError, env_bool, env_int, parse_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_database_url_sqlite_relative_and_absolute(tmp_path):
    rel = parse_database_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert rel.engine == "django.db.backends.sqlite3"
    assert rel.name == str(tmp_path / "var" / "x.sqlite3")
    absolute = parse_database_url("sqlite:////srv/sikap/db.sqlite3", base_dir=tmp_path)
    assert absolute.name == "/srv/sikap/db.sqlite3"


def test_database_url_postgres():
    cfg = parse_database_url(
        "postgres://sikap:p%40ss@db.local:6432/sikap?sslmode=require", base_dir=ROOT
    )
    assert (cfg.engine, cfg.name, cfg.user, cfg.password, cfg.host, cfg.port) == (
        "django.db.backends.postgresql",
        "sikap",
        "sikap",
        "p@ss",
        "db.local",
        "6432",
    )
    assert cfg.options == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "sqlite://"])
def test_database_url_rejects_bad_values(url):
    with pytest.raises(EnvError):
        parse_database_url(url, base_dir=ROOT)


def test_typed_readers_fail_loudly(monkeypatch):
    monkeypatch.setenv("SIKAP_X", "maybe")
    with pytest.raises(EnvError, match="SIKAP_X='maybe' is not a boolean"):
        env_bool("SIKAP_X", False)
    monkeypatch.setenv("SIKAP_N", "2")
    with pytest.raises(EnvError, match="SIKAP_N=2 is below the minimum of 3"):
        env_int("SIKAP_N", 5, minimum=3)


def run_sikap(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SIKAP_", "DJANGO_"))}
    base.pop("SECRET_KEY", None)
    base.update(env)
    return subprocess.run(
        [sys.executable, "-m", "sikap.manage", *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_min_group_size_below_three_is_refused():
    result = run_sikap(["check"], SIKAP_MIN_GROUP_SIZE="2")
    assert result.returncode != 0
    assert "SIKAP_MIN_GROUP_SIZE=2 is below the minimum of 3" in result.stderr


def test_production_requires_secret_key():
    result = run_sikap(["check"], SIKAP_ENV="production", ALLOWED_HOSTS="sikap.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_check_deploy_reports_nothing():
    result = run_sikap(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SIKAP_ENV="production",
        SECRET_KEY="k" * 20 + "x9!Qz" * 8,
        ALLOWED_HOSTS="sikap.example.go.id",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_sikap(
        ["check"],
        SIKAP_ENV="production",
        SECRET_KEY="k" * 20 + "x9!Qz" * 8,
        ALLOWED_HOSTS="sikap.example.go.id",
        REDIS_URL="",
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def test_bad_trusted_proxy_list_stops_start_up():
    result = run_sikap(["check"], SIKAP_TRUSTED_PROXIES="127.0.0.1,localhost")
    assert result.returncode != 0
    assert "SIKAP_TRUSTED_PROXIES: 'localhost' is not an IP address or CIDR block" in result.stderr


def test_production_refuses_to_print_emails_into_the_log():
    result = run_sikap(
        ["check"],
        SIKAP_ENV="production",
        SECRET_KEY="k" * 20 + "x9!Qz" * 8,
        ALLOWED_HOSTS="sikap.example.go.id",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert result.returncode != 0
    assert (
        "would write survey and password-reset links to the server's log or disk" in result.stderr
    )
