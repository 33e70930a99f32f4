"""The Ombudsman self-assessment checklist: what a unit can prepare before it is sampled.

The components of the standar pelayanan are those of UU 25/2009 Pasal 21 and PermenPANRB
15/2014 (14 components); the input and pengaduan indicators follow the variables of the
Ombudsman's 2022–2024 method (kompetensi pelaksana, sarana prasarana, pengelolaan
pengaduan; RULEBOOKS §3.2). Each indicator is scored 0–3 like the Ombudsman's own scale.
Weights, bands and the combination come from `sikap.rules.ombudsman`; a dimension's score
is the share of its maximum points (0–100), the normalisation the Ombudsman does not
publish (medium confidence). The output dimension (persepsi maladministrasi) is taken from
the unit's SKM IKM on the 25–100 scale, a proxy for the Ombudsman's interviews.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCALE_MAX = 3


@dataclass(frozen=True)
class Item:
    code: str
    dimension: str
    text: object  # lazy translation


ITEMS: tuple[Item, ...] = (
    # Input: kompetensi pelaksana
    Item("IN01", "input", _("Pelaksana memiliki kompetensi/pendidikan sesuai standar")),
    Item("IN02", "input", _("Pelaksana mengikuti pelatihan pelayanan prima")),
    Item("IN03", "input", _("Pelaksana memakai seragam dan tanda pengenal")),
    Item("IN04", "input", _("Maklumat dan kode etik pelaksana dipajang")),
    # Input: sarana prasarana
    Item("IN05", "input", _("Ruang tunggu yang nyaman")),
    Item("IN06", "input", _("Toilet untuk pengguna layanan")),
    Item(
        "IN07",
        "input",
        _("Sarana bagi pengguna berkebutuhan khusus (ramp, kursi roda, loket prioritas)"),
    ),
    Item("IN08", "input", _("Ruang laktasi dan ruang bermain anak")),
    Item("IN09", "input", _("Sistem antrean")),
    Item("IN10", "input", _("Tempat parkir")),
    # Proses: the 14 components of the standar pelayanan, set and published
    Item("SP01", "proses", _("Dasar hukum")),
    Item("SP02", "proses", _("Persyaratan")),
    Item("SP03", "proses", _("Sistem, mekanisme dan prosedur")),
    Item("SP04", "proses", _("Jangka waktu penyelesaian")),
    Item("SP05", "proses", _("Biaya/tarif")),
    Item("SP06", "proses", _("Produk pelayanan")),
    Item("SP07", "proses", _("Sarana, prasarana dan/atau fasilitas")),
    Item("SP08", "proses", _("Kompetensi pelaksana")),
    Item("SP09", "proses", _("Pengawasan internal")),
    Item("SP10", "proses", _("Penanganan pengaduan, saran dan masukan")),
    Item("SP11", "proses", _("Jumlah pelaksana")),
    Item("SP12", "proses", _("Jaminan pelayanan")),
    Item("SP13", "proses", _("Jaminan keamanan dan keselamatan pelayanan")),
    Item("SP14", "proses", _("Evaluasi kinerja pelaksana")),
    # Pengaduan: pengelolaan pengaduan
    Item("PG01", "pengaduan", _("Sarana pengaduan tersedia (kotak, WA/SMS, daring)")),
    Item("PG02", "pengaduan", _("Petugas pengelola pengaduan ditetapkan")),
    Item("PG03", "pengaduan", _("Prosedur pengaduan ditetapkan dan dipublikasikan")),
    Item("PG04", "pengaduan", _("Terhubung dengan SP4N-LAPOR!")),
    Item("PG05", "pengaduan", _("Pengaduan dicatat dan dilaporkan berkala")),
)
ITEM_CODES = tuple(i.code for i in ITEMS)
