"""Import of 50,000 employees (with units and 5-level atasan chains), end to end.

Each database runs in its own child process (Django settings are read once per process):
a temporary SQLite file always, and PostgreSQL when it answers at $BENCH_POSTGRES_URL
(default postgres://postgres@127.0.0.1:5432/sikap_bench, recreated for the run).
The baseline, measured in the same process, is a bare `bulk_create` of the same 50,000
Employee rows without reading, validating or linking anything.

Run: .venv/bin/python -m bench bench_import
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N_EMPLOYEES = 50_000
N_OPD = 40
BIDANG_PER_OPD = 5
SEKSI_PER_BIDANG = 3
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sikap_bench"
)


def _nips(n: int) -> list[tuple[str, str]]:
    from sikap.rules.nip import make_pns_nip, make_pppk_nip

    out = []
    start = dt.date(1965, 1, 1)
    for i in range(n):
        birth = start + dt.timedelta(days=i % 12_000)
        serial = i // 12_000 + 1
        gender = "L" if i % 2 else "P"
        if i % 5 == 4:
            out.append((make_pppk_nip(birth, birth.year + 30, gender, serial), "PPPK"))
        else:
            tmt = dt.date(birth.year + 25, i % 12 + 1, 1)
            out.append((make_pns_nip(birth, tmt, gender, serial), "PNS"))
    return out


def build_files(n: int = N_EMPLOYEES) -> tuple[bytes, bytes]:
    """(units CSV, employees CSV): Setda > OPD > bidang > seksi, heads chained to the Sekda."""
    units = io.StringIO()
    uw = csv.writer(units)
    uw.writerow(["kode", "nama", "kode_induk", "jenis"])
    uw.writerow(["SETDA", "Sekretariat Daerah", "", "setda"])
    seksi_codes: list[tuple[str, str]] = []  # (seksi, its bidang)
    heads_of: list[tuple[str, str, str]] = []  # (unit, parent unit, jabatan)
    heads_of.append(("SETDA", "", "Sekretaris Daerah"))
    for o in range(N_OPD):
        opd = f"OPD{o:02d}"
        uw.writerow([opd, f"Dinas Contoh {o}", "", "dinas"])
        heads_of.append((opd, "SETDA", f"Kepala Dinas Contoh {o}"))
        for b in range(BIDANG_PER_OPD):
            bidang = f"{opd}-B{b}"
            uw.writerow([bidang, f"Bidang {b} Dinas Contoh {o}", opd, "bidang"])
            heads_of.append((bidang, opd, f"Kepala Bidang {b}"))
            for s in range(SEKSI_PER_BIDANG):
                seksi = f"{bidang}-S{s}"
                uw.writerow([seksi, f"Seksi {s} Bidang {b} Dinas {o}", bidang, "seksi"])
                heads_of.append((seksi, bidang, f"Kepala Seksi {s}"))
                seksi_codes.append((seksi, bidang))
    nips = _nips(n)
    head_nip: dict[str, str] = {}
    employees = io.StringIO()
    ew = csv.writer(employees)
    ew.writerow(["nip", "nama", "kode_unit", "jenis_pegawai", "jabatan", "nip_atasan", "golongan"])
    rows: list[list[str]] = []
    for i, (unit, parent, jabatan) in enumerate(heads_of):
        nip, kind = nips[i]
        head_nip[unit] = nip
        rows.append([nip, f"Pejabat {i}", unit, kind, jabatan, head_nip.get(parent, ""), "IV/a"])
    for i in range(len(heads_of), n):
        nip, kind = nips[i]
        seksi, _bidang = seksi_codes[i % len(seksi_codes)]
        rows.append([nip, f"Pegawai {i}", seksi, kind, "Pelaksana", head_nip[seksi], "II/c"])
    # Bawahan before atasan, so the import has to order the inserts itself.
    rows.reverse()
    ew.writerows(rows)
    return units.getvalue().encode(), employees.getvalue().encode()


def _postgres_ready() -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    name = POSTGRES_URL.rsplit("/", 1)[1]
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return False
    return True


def run_child(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikap.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from sikap.org.domain import employees_import, pemda_create, units_import
    from sikap.org.models import Employee, OrgUnit

    call_command("migrate", verbosity=0)
    units_csv, employees_csv = build_files()
    print(
        f"database: {connection.vendor}; employees CSV {len(employees_csv) / 1e6:.1f} MB",
        flush=True,
    )

    parsed = list(csv.DictReader(io.StringIO(employees_csv.decode())))

    def baseline(code: str) -> float:
        """The same rows, bulk-inserted with no reading, validation or atasan links."""
        base = pemda_create(actor=None, code=code, name=code)
        unit = OrgUnit.objects.create(pemda=base, code="U", name="U", kind="dinas")
        t0 = time.perf_counter()
        with transaction.atomic():
            Employee.objects.bulk_create(
                [
                    Employee(
                        pemda=base,
                        nip=r["nip"],
                        name=r["nama"],
                        kind=r["jenis_pegawai"].lower(),
                        jabatan=r["jabatan"],
                        golongan=r["golongan"],
                        atasan_nip=r["nip_atasan"],
                        unit=unit,
                    )
                    for r in parsed
                ],
                batch_size=1000,
            )
        return time.perf_counter() - t0

    baseline_first = baseline("baseline-0")
    pemda = pemda_create(actor=None, code="bench", name="Bench")
    report = units_import(actor=None, pemda=pemda, file_name="u.csv", data=units_csv)
    assert report.ok, report.errors[:5]
    t0 = time.perf_counter()
    report = employees_import(actor=None, pemda=pemda, file_name="p.csv", data=employees_csv)
    first = time.perf_counter() - t0
    assert report.ok and report.created == N_EMPLOYEES, report.errors[:5]
    chained = Employee.objects.filter(pemda=pemda, atasan__isnull=False).count()
    assert chained == N_EMPLOYEES - 1, chained

    t0 = time.perf_counter()
    report = employees_import(actor=None, pemda=pemda, file_name="p.csv", data=employees_csv)
    again = time.perf_counter() - t0
    assert report.ok and report.unchanged == N_EMPLOYEES

    changed_csv = employees_csv.replace(b",Pelaksana,", b",Pengadministrasi Umum,")
    t0 = time.perf_counter()
    report = employees_import(actor=None, pemda=pemda, file_name="p.csv", data=changed_csv)
    updated = time.perf_counter() - t0
    assert report.ok and report.updated > 49_000, report.updated

    # Measured before and after the imports; the faster one, so load spikes do not flatter us.
    base_seconds = min(baseline("baseline-1"), baseline_first)
    print(f"{'baseline: bare bulk_create of 50,000 rows':<44} {base_seconds:6.2f} s  (1.00x)")
    for label, seconds in (
        ("employees_import, first import", first),
        ("employees_import, unchanged re-import", again),
        (f"employees_import, re-import with {report.updated:,} updated", updated),
    ):
        print(f"{label:<44} {seconds:6.2f} s  ({seconds / base_seconds:.2f}x)", flush=True)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        run_child(sys.argv[2])
        return
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        targets = [f"sqlite:///{tmp}/bench.sqlite3"]
        if os.environ.get("BENCH_SKIP_POSTGRES") == "1":
            pass
        elif _postgres_ready():
            targets.append(POSTGRES_URL)
        else:
            print("PostgreSQL not reachable; skipped.")
        for url in targets:
            env = dict(os.environ, SIKAP_VAR_DIR=tmp, DJANGO_SETTINGS_MODULE="sikap.settings")
            subprocess.run(
                [sys.executable, "-m", "bench.bench_import", "--child", url],
                cwd=root,
                env=env,
                check=True,
            )


if __name__ == "__main__":
    main()
