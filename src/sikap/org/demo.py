"""Demo organisation: "Pemerintah Kota Palu (demo)" with its OPD tree and ~2,000 employees.

Loaded through the same imports an Admin Pemda uses (CSV built in memory), so the demo also
exercises them. Deterministic: a fixed random seed, so every run gives the same names and NIPs.
A few records are wrong on purpose, so the data-quality queue has something to show:
three atasan NIPs that match nobody, and one employee left in a closed unit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import CommandError

from sikap.org.domain import employees_import, pemda_create, units_import
from sikap.org.models import Pemda
from sikap.rules.nip import make_pns_nip, make_pppk_nip

DEMO_CODE = "palu-demo"
DEMO_NAME = "Pemerintah Kota Palu (demo)"
SEED = 20231218  # the day of the assembly in the seed article
ACTOR = "demo"
CLOSED_UNIT = "DISHUB-UPTD-PARKIR"


@dataclass
class U:
    code: str
    name: str
    kind: str
    head: str  # the head's jabatan
    eselon: str
    staff: int
    short: str = ""
    children: list[U] = field(default_factory=list)
    valid_to: str = ""
    staff_pool: str = "kantor"


def _bidang(code: str, name: str, *seksi: str, staff: int = 6) -> U:
    unit = U(code, f"Bidang {name}", "bidang", f"Kepala Bidang {name}", "III.b", staff)
    for i, s in enumerate(seksi, 1):
        unit.children.append(
            U(f"{code}-S{i}", f"Seksi {s}", "seksi", f"Kepala Seksi {s}", "IV.a", 4)
        )
    return unit


def _sekretariat(opd: str, title: str = "Sekretaris", staff: int = 8) -> U:
    return U(f"{opd}-SEKR", "Sekretariat", "bagian", title, "III.a", staff)


def _opd(code: str, name: str, kind: str, head: str, short: str, *children: U, staff: int = 4) -> U:
    return U(code, name, kind, head, "II.b", staff, short=short, children=list(children))


def _kecamatan(code: str, name: str, *kelurahan: str) -> U:
    unit = U(code, f"Kecamatan {name}", "kecamatan", f"Camat {name}", "III.a", 14, short=name)
    for kel in kelurahan:
        kel_code = f"KEL-{kel.upper().replace(' ', '-')}"
        unit.children.append(
            U(kel_code, f"Kelurahan {kel}", "kelurahan", f"Lurah {kel}", "IV.a", 9)
        )
    return unit


def _puskesmas(name: str, staff: int) -> U:
    code = f"DINKES-PKM-{name.upper()}"
    return U(
        code,
        f"Puskesmas {name}",
        "puskesmas",
        f"Kepala Puskesmas {name}",
        "IV.a",
        staff,
        staff_pool="kesehatan",
    )


def _school(code: str, name: str) -> U:
    return U(code, name, "sekolah", f"Kepala {name}", "IV.b", 36, staff_pool="sekolah")


def tree() -> list[U]:
    setda = U(
        "SETDA",
        "Sekretariat Daerah",
        "setda",
        "Sekretaris Daerah",
        "II.a",
        3,
        short="Setda",
        children=[
            U(
                "SETDA-ORG",
                "Bagian Organisasi",
                "bagian",
                "Kepala Bagian Organisasi",
                "III.a",
                5,
                children=[
                    U(
                        "SETDA-ORG-KLB",
                        "Subbagian Kelembagaan dan Analisis Jabatan",
                        "subbagian",
                        "Kepala Subbagian Kelembagaan dan Analisis Jabatan",
                        "IV.a",
                        3,
                    ),
                    U(
                        "SETDA-ORG-RB",
                        "Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
                        "subbagian",
                        "Kepala Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
                        "IV.a",
                        3,
                    ),
                ],
            ),
            U("SETDA-HUKUM", "Bagian Hukum", "bagian", "Kepala Bagian Hukum", "III.a", 6),
            U("SETDA-UMUM", "Bagian Umum", "bagian", "Kepala Bagian Umum", "III.a", 12),
            U(
                "SETDA-PBJ",
                "Bagian Pengadaan Barang dan Jasa",
                "bagian",
                "Kepala Bagian Pengadaan Barang dan Jasa",
                "III.a",
                6,
            ),
        ],
    )
    units = [
        setda,
        _opd(
            "INSPEKTORAT",
            "Inspektorat Daerah",
            "inspektorat",
            "Inspektur",
            "Inspektorat",
            _sekretariat("INSPEKTORAT"),
            U(
                "INSPEKTORAT-IRBAN1",
                "Inspektur Pembantu Wilayah I",
                "bidang",
                "Inspektur Pembantu Wilayah I",
                "III.b",
                8,
            ),
            U(
                "INSPEKTORAT-IRBAN2",
                "Inspektur Pembantu Wilayah II",
                "bidang",
                "Inspektur Pembantu Wilayah II",
                "III.b",
                8,
            ),
        ),
        _opd(
            "BKPSDM",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "badan",
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "BKPSDM",
            _sekretariat("BKPSDM"),
            _bidang("BKPSDM-MUTASI", "Mutasi dan Promosi", staff=7),
            _bidang("BKPSDM-BANGKOM", "Pengembangan Kompetensi", staff=6),
        ),
        _opd(
            "BAPPEDA",
            "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
            "badan",
            "Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
            "Bappeda",
            _sekretariat("BAPPEDA"),
            _bidang("BAPPEDA-PEMB", "Perencanaan Pembangunan Manusia", staff=6),
            _bidang("BAPPEDA-INFRA", "Infrastruktur dan Kewilayahan", staff=6),
        ),
        _opd(
            "DPMPTSP",
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "dinas",
            "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "DPMPTSP",
            _sekretariat("DPMPTSP"),
            _bidang("DPMPTSP-PELAYANAN", "Pelayanan Perizinan", staff=12),
            _bidang("DPMPTSP-PM", "Penanaman Modal", staff=6),
        ),
        _opd(
            "DISDUKCAPIL",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "dinas",
            "Kepala Dinas Kependudukan dan Pencatatan Sipil",
            "Disdukcapil",
            _sekretariat("DISDUKCAPIL"),
            _bidang("DISDUKCAPIL-DAFDUK", "Pelayanan Pendaftaran Penduduk", staff=20),
            _bidang("DISDUKCAPIL-CAPIL", "Pelayanan Pencatatan Sipil", staff=18),
            _bidang("DISDUKCAPIL-PIAK", "Pengelolaan Informasi Administrasi Kependudukan", staff=8),
        ),
        _opd(
            "DINKES",
            "Dinas Kesehatan",
            "dinas",
            "Kepala Dinas Kesehatan",
            "Dinkes",
            _sekretariat("DINKES", staff=12),
            _bidang(
                "DINKES-KESMAS", "Kesehatan Masyarakat", "Kesehatan Keluarga dan Gizi", staff=8
            ),
            _bidang(
                "DINKES-P2P",
                "Pencegahan dan Pengendalian Penyakit",
                "Surveilans dan Imunisasi",
                staff=8,
            ),
            _bidang("DINKES-YANKES", "Pelayanan Kesehatan", "Pelayanan Kesehatan Primer", staff=8),
            _puskesmas("Kamonji", 66),
            _puskesmas("Kawatuna", 60),
            _puskesmas("Talise", 63),
            _puskesmas("Bulili", 58),
            _puskesmas("Singgani", 56),
            _puskesmas("Tawaeli", 54),
            staff=6,
        ),
        _opd(
            "DIKBUD",
            "Dinas Pendidikan dan Kebudayaan",
            "dinas",
            "Kepala Dinas Pendidikan dan Kebudayaan",
            "Dikbud",
            _sekretariat("DIKBUD", staff=20),
            U(
                "DIKBUD-SD",
                "Bidang Pembinaan Sekolah Dasar",
                "bidang",
                "Kepala Bidang Pembinaan Sekolah Dasar",
                "III.b",
                6,
                children=[
                    U(
                        "DIKBUD-SD-KUR",
                        "Seksi Kurikulum dan Penilaian SD",
                        "seksi",
                        "Kepala Seksi Kurikulum dan Penilaian SD",
                        "IV.a",
                        3,
                        children=[
                            _school("SDN-1-PALU", "SD Negeri 1 Palu"),
                            _school("SDN-2-PALU", "SD Negeri 2 Palu"),
                        ],
                    ),
                ],
            ),
            U(
                "DIKBUD-SMP",
                "Bidang Pembinaan Sekolah Menengah Pertama",
                "bidang",
                "Kepala Bidang Pembinaan Sekolah Menengah Pertama",
                "III.b",
                6,
                children=[
                    U(
                        "DIKBUD-SMP-KUR",
                        "Seksi Kurikulum dan Penilaian SMP",
                        "seksi",
                        "Kepala Seksi Kurikulum dan Penilaian SMP",
                        "IV.a",
                        3,
                        children=[_school("SMPN-1-PALU", "SMP Negeri 1 Palu")],
                    ),
                ],
            ),
            _bidang("DIKBUD-BUDAYA", "Kebudayaan", staff=5),
            staff=5,
        ),
        _opd(
            "DINSOS",
            "Dinas Sosial",
            "dinas",
            "Kepala Dinas Sosial",
            "Dinsos",
            _sekretariat("DINSOS"),
            _bidang("DINSOS-LINJAMSOS", "Perlindungan dan Jaminan Sosial", staff=8),
        ),
        _opd(
            "RSUD-ANUTAPURA",
            "RSUD Anutapura",
            "rsud",
            "Direktur RSUD Anutapura",
            "RSUD Anutapura",
            U(
                "RSUD-ANUTAPURA-TU",
                "Bagian Tata Usaha",
                "bagian",
                "Kepala Bagian Tata Usaha",
                "III.a",
                60,
            ),
            U(
                "RSUD-ANUTAPURA-YANMED",
                "Bidang Pelayanan Medik",
                "bidang",
                "Kepala Bidang Pelayanan Medik",
                "III.b",
                200,
                staff_pool="rumahsakit",
            ),
            U(
                "RSUD-ANUTAPURA-KEP",
                "Bidang Keperawatan",
                "bidang",
                "Kepala Bidang Keperawatan",
                "III.b",
                280,
                staff_pool="rumahsakit",
            ),
            U(
                "RSUD-ANUTAPURA-PENUNJANG",
                "Bidang Penunjang Medik",
                "bidang",
                "Kepala Bidang Penunjang Medik",
                "III.b",
                100,
                staff_pool="rumahsakit",
            ),
            staff=4,
        ),
        _opd(
            "PUPR",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            "dinas",
            "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
            "PUPR",
            _sekretariat("PUPR", staff=10),
            _bidang("PUPR-BM", "Bina Marga", "Pembangunan Jalan", staff=20),
            _bidang("PUPR-SDA", "Sumber Daya Air", staff=10),
            _bidang("PUPR-TARU", "Penataan Ruang", staff=8),
            U(
                "PUPR-UPTD-ALAT",
                "UPTD Peralatan dan Perbengkelan",
                "upt",
                "Kepala UPTD Peralatan dan Perbengkelan",
                "IV.a",
                14,
            ),
        ),
        _opd(
            "DISHUB",
            "Dinas Perhubungan",
            "dinas",
            "Kepala Dinas Perhubungan",
            "Dishub",
            _sekretariat("DISHUB"),
            _bidang("DISHUB-LLAJ", "Lalu Lintas dan Angkutan Jalan", staff=16),
            U(
                CLOSED_UNIT,
                "UPTD Perparkiran",
                "upt",
                "Kepala UPTD Perparkiran",
                "IV.a",
                0,
                valid_to="2023-12-31",
            ),
        ),
        _opd(
            "SATPOLPP",
            "Satuan Polisi Pamong Praja",
            "kantor",
            "Kepala Satuan Polisi Pamong Praja",
            "Satpol PP",
            _sekretariat("SATPOLPP"),
            _bidang("SATPOLPP-GAKDA", "Penegakan Peraturan Daerah", staff=40),
            _bidang("SATPOLPP-TIBUM", "Ketertiban Umum dan Ketenteraman Masyarakat", staff=44),
        ),
        _kecamatan("KEC-PALU-BARAT", "Palu Barat", "Lere", "Baru"),
        _kecamatan("KEC-PALU-TIMUR", "Palu Timur", "Besusu Barat", "Lolu Utara"),
        _kecamatan("KEC-PALU-SELATAN", "Palu Selatan", "Birobuli Utara", "Tatura Selatan"),
        _kecamatan("KEC-PALU-UTARA", "Palu Utara", "Mamboro", "Taipa"),
        _kecamatan("KEC-MANTIKULORE", "Mantikulore", "Talise", "Tondo"),
        _kecamatan("KEC-TATANGA", "Tatanga", "Palupi", "Pengawu"),
        _kecamatan("KEC-ULUJADI", "Ulujadi", "Donggala Kodi", "Kabonena"),
        _kecamatan("KEC-TAWAELI", "Tawaeli", "Panau", "Lambara"),
    ]
    return units


# --- people ------------------------------------------------------------------------------

MALE = (
    "Andi",
    "Muhammad",
    "Moh.",
    "Rizal",
    "Ahmad",
    "Fadli",
    "Irwan",
    "Hendra",
    "Arman",
    "Syamsul",
    "Rahmat",
    "Budi",
    "Agus",
    "Yusuf",
    "Hasan",
    "Ilham",
    "Taufik",
    "Abdul",
    "Firman",
    "Ridwan",
    "Akbar",
    "Sofyan",
    "Herman",
    "Nasrul",
    "Darwis",
    "Arief",
    "Fikri",
    "Rudi",
    "Wahyu",
    "Imran",
)
FEMALE = (
    "Siti",
    "Nur",
    "Sri",
    "Fatimah",
    "Rahma",
    "Dewi",
    "Nurul",
    "Ayu",
    "Hasnah",
    "Wahyuni",
    "Ratna",
    "Indah",
    "Fitri",
    "Kartini",
    "Halimah",
    "Suryani",
    "Mariani",
    "Yuliana",
    "Rosmini",
    "Nurhayati",
    "Sitti",
    "Asriani",
    "Hartati",
    "Mutmainnah",
    "Nirwana",
    "Rasdiana",
)
MIDDLE = ("", "", "", "Nur", "Syarif", "Ainun", "Dwi", "Tri", "Putra", "Putri")
FAMILY = (
    "Lamasitudju",
    "Tombolotutu",
    "Lasadindi",
    "Pettalolo",
    "Lamarauna",
    "Datupalinge",
    "Lariwu",
    "Masuara",
    "Rumi",
    "Pakamundi",
    "Bandu",
    "Latjindji",
    "Saleh",
    "Rahman",
    "Mangge",
    "Sulaiman",
    "Ismail",
    "Tahir",
    "Lamakarate",
    "Syafruddin",
    "Mappiare",
    "Lagarutu",
    "Paturusi",
    "Tamrin",
    "Labaso",
    "Tanjumbulu",
    "Djaelangkara",
    "Lakuntu",
    "Rauf",
    "Hamid",
)
DEGREES = {
    "kantor": ("S.Sos", "S.E.", "S.H.", "S.Kom", "S.AP", "S.T.", "A.Md", "", "", ""),
    "kesehatan": ("S.Kep", "A.Md.Kep", "A.Md.Keb", "S.KM", "S.Farm", "A.Md.AK", "S.Gz"),
    "rumahsakit": ("S.Kep, Ns", "A.Md.Kep", "A.Md.Keb", "S.Farm", "A.Md.Rad", "S.KM"),
    "sekolah": ("S.Pd", "S.Pd", "S.Pd.I", "S.Pd, M.Pd"),
}
STAFF_JOBS: dict[str, tuple[tuple[str, str], ...]] = {
    # (jabatan, jenis jabatan)
    "kantor": (
        ("Analis Kebijakan Ahli Muda", "fungsional"),
        ("Analis Kebijakan Ahli Pertama", "fungsional"),
        ("Pranata Komputer Ahli Pertama", "fungsional"),
        ("Arsiparis Terampil", "fungsional"),
        ("Penata Laporan Keuangan", "pelaksana"),
        ("Pengelola Keuangan", "pelaksana"),
        ("Pengadministrasi Perkantoran", "pelaksana"),
        ("Pengolah Data dan Informasi", "pelaksana"),
        ("Operator Layanan Operasional", "pelaksana"),
        ("Penelaah Teknis Kebijakan", "pelaksana"),
    ),
    "kesehatan": (
        ("Dokter Ahli Pertama", "fungsional"),
        ("Dokter Gigi Ahli Pertama", "fungsional"),
        ("Perawat Terampil", "fungsional"),
        ("Perawat Ahli Pertama", "fungsional"),
        ("Bidan Terampil", "fungsional"),
        ("Bidan Ahli Pertama", "fungsional"),
        ("Pranata Laboratorium Kesehatan Terampil", "fungsional"),
        ("Apoteker Ahli Pertama", "fungsional"),
        ("Nutrisionis Terampil", "fungsional"),
        ("Sanitarian Terampil", "fungsional"),
        ("Pengadministrasi Perkantoran", "pelaksana"),
    ),
    "rumahsakit": (
        ("Dokter Spesialis Ahli Muda", "fungsional"),
        ("Dokter Ahli Pertama", "fungsional"),
        ("Perawat Ahli Pertama", "fungsional"),
        ("Perawat Terampil", "fungsional"),
        ("Perawat Mahir", "fungsional"),
        ("Bidan Terampil", "fungsional"),
        ("Radiografer Terampil", "fungsional"),
        ("Apoteker Ahli Pertama", "fungsional"),
        ("Asisten Apoteker Terampil", "fungsional"),
        ("Pengadministrasi Perkantoran", "pelaksana"),
    ),
    "sekolah": (
        ("Guru Ahli Pertama", "fungsional"),
        ("Guru Ahli Muda", "fungsional"),
        ("Guru Ahli Madya", "fungsional"),
        ("Pengadministrasi Perkantoran", "pelaksana"),
    ),
}
PNS_GOLONGAN = {
    "fungsional": ("III/a", "III/b", "III/c", "III/d", "II/c", "II/d"),
    "pelaksana": ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"),
}
PPPK_GOLONGAN = {"fungsional": ("IX", "IX", "X", "VII"), "pelaksana": ("V", "VII", "IX")}
HEAD_GOLONGAN = {"II.a": "IV/d", "II.b": "IV/c", "III.a": "IV/a", "III.b": "III/d"}
# Share of PPPK among staff, by pool: teachers and nurses were the big PPPK intakes.
PPPK_SHARE = {"kantor": 0.15, "kesehatan": 0.3, "rumahsakit": 0.35, "sekolah": 0.45}


class People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.nips: set[str] = set()

    def name(self, gender: str, pool: str, head: bool) -> str:
        rng = self.rng
        first = rng.choice(MALE if gender == "L" else FEMALE)
        middle = rng.choice(MIDDLE)
        middle = (
            ""
            if middle in ("Putra", "Putri") and (middle == "Putra") != (gender == "L")
            else middle
        )
        parts = [first, middle, rng.choice(FAMILY)]
        name = " ".join(p for p in parts if p)
        degree = rng.choice(DEGREES[pool])
        if head and pool in ("kantor",) and rng.random() < 0.5:
            degree = rng.choice(("S.Sos, M.Si", "S.E., M.M.", "S.H., M.H.", "S.T., M.T."))
        if pool in ("kesehatan", "rumahsakit") and head:
            name = f"dr. {name}"
            degree = rng.choice(("M.Kes", "", "Sp.PD", "MARS"))
        return f"{name}, {degree}" if degree else name

    def nip(self, *, pppk: bool, gender: str, age_range: tuple[int, int]) -> str:
        rng = self.rng
        while True:
            birth = dt.date(2024 - rng.randint(*age_range), rng.randint(1, 12), rng.randint(1, 28))
            serial = rng.randint(1, 400)
            if pppk:
                nip = make_pppk_nip(
                    birth, rng.randint(max(2019, birth.year + 20), 2023), gender, serial
                )
            else:
                start = birth.year + rng.randint(22, 30)
                nip = make_pns_nip(birth, dt.date(start, rng.randint(1, 12), 1), gender, serial)
            if nip not in self.nips:
                self.nips.add(nip)
                return nip


def _walk(units: list[U], parent: U | None = None):  # type: ignore[no-untyped-def]
    for unit in units:
        yield unit, parent
        yield from _walk(unit.children, unit)


def build_files() -> tuple[bytes, bytes]:
    """The demo's unit and employee files (CSV), deterministic."""
    rng = random.Random(SEED)
    people = People(rng)
    units = list(_walk(tree()))
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


def load(*, pemda: Pemda | None = None, stdout: Any = None) -> Pemda:
    """Create the demo Pemda with its units and employees; returns it."""
    if pemda is None:
        pemda = pemda_create(
            actor=ACTOR, code=DEMO_CODE, name=DEMO_NAME, level=Pemda.Level.KOTA, is_demo=True
        )
    units_csv, employees_csv = build_files()
    for run, name, data in (
        (units_import, "demo-unit.csv", units_csv),
        (employees_import, "demo-pegawai.csv", employees_csv),
    ):
        report = run(actor=ACTOR, pemda=pemda, file_name=name, data=data)
        if not report.ok:
            raise CommandError(
                "demo data rejected: " + "; ".join(e.as_text() for e in report.errors[:5])
            )
        if stdout is not None:
            stdout.write(
                f"{name}: {report.created} dibuat, {report.updated} diperbarui, "
                f"{len(report.warnings)} peringatan.\n"
            )
    return pemda
