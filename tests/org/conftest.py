"""Org fixtures: the sample unit and employee sheets the import tests share."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from sikap.rules.nip import make_pns_nip, make_pppk_nip


def csv_bytes(text: str, *, bom: bool = False) -> bytes:
    data = text.strip().replace("\n", "\r\n").encode() + b"\r\n"
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


UNITS_GOOD = """
kode,nama,kode_induk,jenis,singkatan,berlaku_sejak,berlaku_sampai
BKPSDM-BID-1,Bidang Pengadaan,BKPSDM,bidang,,,
BKPSDM,Badan Kepegawaian dan Pengembangan SDM,,Badan,BKPSDM,2017-01-01,
PKM-KAWATUNA,Puskesmas Kawatuna,DINKES,Puskesmas,,,
SETDA,Sekretariat Daerah,,Sekretariat Daerah,Setda,01/01/2000,
SETDA-ORG,Bagian Organisasi,SETDA,bagian,,,
"""

KADIS = make_pns_nip(dt.date(1972, 5, 17), dt.date(1998, 3, 1), "L", 1)
KAPUS = make_pns_nip(dt.date(1980, 2, 29), dt.date(2005, 1, 1), "P", 2)
STAF = make_pppk_nip(dt.date(1995, 8, 9), 2022, "P", 3)
DUKCAPIL_STAF = make_pns_nip(dt.date(1990, 12, 1), dt.date(2015, 4, 1), "L", 4)
GHOST = make_pns_nip(dt.date(1960, 1, 1), dt.date(1985, 1, 1), "L", 9)

EMPLOYEES_HEADER = "nip,nama,kode_unit,jenis_pegawai,jabatan,nip_atasan,jenis_jabatan,eselon,golongan,email,jenis_kelamin"
EMPLOYEES_GOOD = f"""
{EMPLOYEES_HEADER}
{STAF},Nur Aisyah,DINKES-PKM-KAMONJI,PPPK,Perawat Ahli Pertama,{KAPUS},Fungsional,,IX,nur@palukota.go.id,
{KAPUS},"dr. Siti Rahma, M.Kes",DINKES-PKM-KAMONJI,PNS,Kepala Puskesmas,{KADIS},Struktural,IV.a,III/d,,P
{KADIS},"Dr. Andi Mappaware, S.KM",DINKES,PNS,Kepala Dinas Kesehatan,,Struktural,II.b,IV/c,,
{DUKCAPIL_STAF},Moh. Rizal,Dinas Kependudukan dan Pencatatan Sipil,PNS,Pengelola Data,{GHOST},Pelaksana,,II/c,,L
"""
