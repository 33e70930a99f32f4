"""The demo's unit and employee files (CSV), built in memory from the tree and the people."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from sikap.org.demo.people import (
    HEAD_GOLONGAN,
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    PPPK_SHARE,
    STAFF_JOBS,
    People,
)
from sikap.org.demo.tree import CLOSED_UNIT, tree, walk
from sikap.rules.nip import make_pns_nip

SEED = 20231218  # the day of the assembly in the seed article


def build_files() -> tuple[bytes, bytes]:
    """The demo's unit and employee files (CSV), deterministic."""
    rng = random.Random(SEED)
    people = People(rng)
    units = list(walk(tree()))
    unit_csv = io.StringIO()
    uw = csv.writer(unit_csv)
    uw.writerow(
        ["kode", "nama", "kode_induk", "jenis", "singkatan", "berlaku_sejak", "berlaku_sampai"]
    )
    for unit, parent in units:
        uw.writerow(
            [
                unit.code,
                unit.name,
                parent.code if parent else "",
                unit.kind,
                unit.short,
                "2017-01-01" if unit.valid_to else "",
                unit.valid_to,
            ]
        )

    head_nip: dict[str, str] = {}
    rows: list[list[str]] = []
    sekda = ""
    for unit, parent in units:
        if unit.valid_to:
            continue  # a closed unit has no head any more
        gender = rng.choice("LLLP")
        nip = people.nip(pppk=False, gender=gender, age_range=(42, 58))
        head_nip[unit.code] = nip
        if parent is None:
            atasan = sekda if unit.code != "SETDA" else ""
        else:
            atasan = head_nip[parent.code]
        if unit.code == "SETDA":
            sekda = nip
        pool = unit.staff_pool if unit.kind != "puskesmas" else "kesehatan"
        rows.append(
            [
                nip,
                people.name(gender, pool, head=True),
                unit.code,
                "PNS",
                unit.head,
                atasan,
                "struktural",
                unit.eselon,
                HEAD_GOLONGAN.get(unit.eselon, "III/c"),
                "",
                gender,
            ]
        )
    for unit, _parent in units:
        for _ in range(unit.staff):
            gender = rng.choice("LP")
            pppk = rng.random() < PPPK_SHARE[unit.staff_pool]
            nip = people.nip(pppk=pppk, gender=gender, age_range=(23, 57))
            jabatan, jenis = rng.choice(STAFF_JOBS[unit.staff_pool])
            golongan = rng.choice((PPPK_GOLONGAN if pppk else PNS_GOLONGAN)[jenis])
            rows.append(
                [
                    nip,
                    people.name(gender, unit.staff_pool, head=False),
                    unit.code,
                    "PPPK" if pppk else "PNS",
                    jabatan,
                    head_nip[unit.code],
                    jenis,
                    "",
                    golongan,
                    "",
                    gender,
                ]
            )
    # Deliberate data-quality problems for the demo queue.
    for i, row in enumerate(rows[-3:]):
        birth = dt.date(1961, 3, 3 + i)
        row[5] = make_pns_nip(birth, dt.date(1986, 3, 1), "L", 990 + i)  # an atasan nobody is
    closed_parent = head_nip["DISHUB"]
    gender = "L"
    rows.append(
        [
            people.nip(pppk=False, gender=gender, age_range=(40, 50)),
            people.name(gender, "kantor", head=False),
            CLOSED_UNIT,
            "PNS",
            "Juru Parkir Koordinator",
            closed_parent,
            "pelaksana",
            "",
            "II/b",
            "",
            gender,
        ]
    )
    employee_csv = io.StringIO()
    ew = csv.writer(employee_csv)
    ew.writerow(
        [
            "nip",
            "nama",
            "kode_unit",
            "jenis_pegawai",
            "jabatan",
            "nip_atasan",
            "jenis_jabatan",
            "eselon",
            "golongan",
            "email",
            "jenis_kelamin",
        ]
    )
    ew.writerows(rows)
    return unit_csv.getvalue().encode(), employee_csv.getvalue().encode()
