"""The demo Pemda's OPD tree: about forty OPDs with their bidang, kecamatan and schools."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def walk(units: list[U], parent: U | None = None):  # type: ignore[no-untyped-def]
    for unit in units:
        yield unit, parent
        yield from walk(unit.children, unit)
