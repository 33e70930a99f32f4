"""Names, golongan and NIPs of the demo employees, drawn from a seeded random generator."""

from __future__ import annotations

import datetime as dt
import random

from sikap.rules.nip import make_pns_nip, make_pppk_nip

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
