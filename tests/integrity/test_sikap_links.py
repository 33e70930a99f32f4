"""Hasil figures and SAKIP evidence from SIKAP's own data (PK capaian, SKM), through providers.

Hand computations: a PK with one outcome indicator, target 80 and realisasi 84, has capaian
84 / 80 × 100 = 105.00 %; last year's (target 80, realisasi 80) 100.00 % → better than last
year → option B = 0.75 × 5 = 3.75 points. Two SKM answers of a DINKES service unit, all 4 and
all 3, give NRR 3.5 on every unsur → IKM 3.5 × 25 = 87.50 → IPKP index 87.50 / 25 = 3.5 →
3.5 / 4 × 17.5 = 15.3125 points.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from sikap.core.models import AuditLog
from sikap.core.providers import PERFORMANCE_UNIT_CAPAIAN, PUBLICSERVICE_UNIT_IKM, ask
from sikap.core.scoping import system_within
from sikap.evidence.models import Document
from sikap.integrity import domain
from sikap.integrity.hasil import sikap_figure
from sikap.integrity.models import Attachment, HasilFigure, ScoreSnapshot
from sikap.performance import domain as perf
from sikap.performance.models import Agreement, Indicator, Realisation
from sikap.publicservice import domain as service
from sikap.rules import integrity as rules
from sikap.rules.errors import RuleError
from tests.factories import make_unit

U = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")


def pk(pemda, unit, year, *, target="80", real="84", kind="outcome", sign=True):  # type: ignore[no-untyped-def]
    a = perf.agreement_create(actor=None, pemda=pemda, year=year, unit=unit, holder_name="Kepala")
    s = perf.sasaran_create(actor=None, agreement=a, code="S1", name="Sasaran")
    i = perf.indicator_create(
        actor=None, sasaran=s, code="I1", name="Indikator", kind=kind, target=Decimal(target)
    )
    if sign:
        perf.agreement_sign(actor=None, agreement=a, signed_on=dt.date(year, 1, 15))
    if real is not None:
        perf.realisation_record(actor=None, indicator=i, period="year", value=Decimal(real))
    a.refresh_from_db()
    return a


def skm(unit, *values, day=dt.date(2024, 3, 1)):  # type: ignore[no-untyped-def]
    su, _ = service.service_unit_ensure(actor=None, unit=unit)
    for v in values:
        service.skm_submit(service_unit=su, product=None, answers=dict.fromkeys(U, v), today=day)


def ws(a, name="workspace"):  # type: ignore[no-untyped-def]
    return reverse(f"integrity:{name}", args=[a.kind, a.year, a.unit.code])


# --- the rulebook -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capaian", "previous", "outcome", "peer", "option", "points"),
    [
        ("120", "90", False, None, "E", "0"),  # not outcome-oriented, whatever the capaian
        ("99.99", None, True, None, "D", "1.25"),  # some target missed
        ("100", None, True, None, "C", "2.5"),  # no last year: not shown better
        ("100", "100", True, None, "C", "2.5"),  # equal is not better
        ("100", "99.99", True, None, "B", "3.75"),  # 100 % and better than last year
        ("105", "100", True, None, "B", "3.75"),  # above 100 %, no peer average known
        ("105", "100", True, "105", "B", "3.75"),  # not better than the peer average
        ("105", "100", True, "104.99", "A", "5"),
        ("100", "90", True, "80", "B", "3.75"),  # A needs above 100 %
    ],
)
def test_capaian_option_boundaries(capaian, previous, outcome, peer, option, points):  # type: ignore[no-untyped-def]
    got = rules.capaian_option(
        capaian, previous=previous, outcome_oriented=outcome, peer_average=peer, year=2024
    )
    assert (got.option, got.points, got.confidence) == (option, Decimal(points), "medium")


def test_ipkp_from_ikm_is_low_confidence_and_exact():
    book = rules.RULEBOOKS.select(2024)
    assert (book.ipkp_confidence, book.ipkp_divisor) == ("low", Decimal(25))
    assert rules.ipkp_index_from_ikm("87.50", year=2024) == Decimal("3.5")
    assert rules.survey_points(rules.ipkp_index_from_ikm("87.50", year=2024)) == Decimal("15.3125")
    assert rules.ipkp_index_from_ikm("88.31", year=2024) == Decimal("3.5324")
    assert rules.ipkp_index_from_ikm("25", year=2024) == Decimal(1)
    for bad in ("24.99", "100.01"):
        with pytest.raises(RuleError):
            rules.ipkp_index_from_ikm(bad, year=2024)


# --- capaian kinerja from the PK --------------------------------------------------------------


def test_capaian_from_pk_against_last_year(personas, zi_a):
    pk(personas.pemda, personas.opd_a, 2023, real="80")
    pk(personas.pemda, personas.opd_a, 2024, real="84")
    fig = domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="capaian_kinerja")
    assert (fig.raw, fig.points, fig.source) == ("B", Decimal("3.7500"), "sikap")
    assert fig.source_note.startswith("PK 2024: capaian 105,00% (tahun 2023: 100,00%)")
    assert "→ opsi B" in fig.source_note and "keyakinan sedang" in fig.source_note
    snap = ScoreSnapshot.objects.get(assessment=zi_a, level="self")
    assert snap.hasil == Decimal("3.75")
    assert AuditLog.objects.filter(action="integrity.hasil.record").count() == 1


def test_capaian_ignores_other_units_and_other_pemda(personas, zi_a):
    # The OPD next door, the OPD's own puskesmas and a unit of another Pemda with the same
    # code all have PKs; none of them is DINKES of Palu's PK.
    pk(personas.pemda, personas.opd_b, 2024, real="100")
    pk(personas.pemda, personas.puskesmas, 2024, real="100")
    twin = make_unit(personas.other_pemda, "DINKES", "Dinas Kesehatan Donggala", "dinas")
    pk(personas.other_pemda, twin, 2024, real="100")
    with pytest.raises(ValidationError, match="Tidak ada Perjanjian Kinerja 2024"):
        domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="capaian_kinerja")
    assert not HasilFigure.objects.exists()
    # The provider itself answers nothing for a unit outside the asking user's scope.
    assert ask(PERFORMANCE_UNIT_CAPAIAN, user=personas.admin_opd, unit=personas.opd_b,
               year=2024) is None  # fmt: skip
    assert ask(PERFORMANCE_UNIT_CAPAIAN, user=personas.outsider, unit=personas.opd_b,
               year=2024) is None  # fmt: skip
    assert ask(PERFORMANCE_UNIT_CAPAIAN, user=personas.admin_pemda, unit=personas.opd_b,
               year=2024)["capaian"] == Decimal("125.00")  # fmt: skip


def test_capaian_refused_from_unsigned_or_unmeasured_pk(personas, zi_a):
    a = pk(personas.pemda, personas.opd_a, 2024, sign=False, real="84")
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        sikap_figure(personas.admin_opd, zi_a, "capaian_kinerja")
    perf.agreement_sign(actor=None, agreement=a, signed_on=dt.date(2024, 1, 15))
    assert sikap_figure(personas.admin_opd, zi_a, "capaian_kinerja").raw == "C"
    b = pk(personas.pemda, personas.opd_b, 2024, real=None)
    zi_b = domain.assessment_start(actor=personas.admin_pemda, unit=b.unit, kind="zi", year=2024)
    with pytest.raises(ValidationError, match="belum dihitung"):
        sikap_figure(personas.admin_pemda, zi_b, "capaian_kinerja")


def test_output_only_pk_gives_e(personas, zi_a):
    pk(personas.pemda, personas.opd_a, 2024, kind="output", real="200")
    fig = sikap_figure(personas.admin_opd, zi_a, "capaian_kinerja")
    assert (fig.raw, fig.points) == ("E", Decimal("0.0000"))
    assert "tanpa indikator outcome" in fig.note


# --- IPKP from the SKM ------------------------------------------------------------------------


def test_ipkp_from_the_units_skm(personas, zi_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        skm(personas.opd_a, 4, 3)
        skm(personas.opd_b, 1)  # another OPD of the same Pemda
        twin = make_unit(personas.other_pemda, "DINKES", "Dinas Kesehatan Donggala", "dinas")
        skm(twin, 1, 1)  # another Pemda's unit with the same code
        skm(personas.opd_a, 1, day=dt.date(2023, 6, 1))  # another year
    fig = domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="ipkp")
    assert (fig.raw, fig.points, fig.source) == ("3.5", Decimal("15.3125"), "sikap")
    assert fig.source_note == (
        "SKM 2024: IKM 87,50 (2 responden) → indeks IPKP 3,5000 = IKM / 25; "
        "konversi belum baku, keyakinan rendah"
    )
    assert ScoreSnapshot.objects.get(assessment=zi_a, level="self").hasil == Decimal("15.31")
    # The provider answers nothing for a unit outside the asking user's SKM scope.
    assert ask(PUBLICSERVICE_UNIT_IKM, user=personas.admin_opd, unit=personas.opd_b,
               year=2024) is None  # fmt: skip
    assert ask(PUBLICSERVICE_UNIT_IKM, user=personas.outsider, unit=personas.opd_a,
               year=2024) is None  # fmt: skip


def test_without_skm_or_ipak_answers_nothing_is_taken_from_sikap(personas, zi_a):
    with pytest.raises(ValidationError, match="Tidak ada hasil SKM 2024"):
        domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="ipkp")
    with pytest.raises(ValidationError, match="survei IPAK"):
        domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="ipak")
    assert not HasilFigure.objects.exists()


def test_unit_chooses_between_sikap_and_external(personas, client_for, zi_a,
                                                 django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        skm(personas.opd_a, 4, 3)
    client = client_for(personas.admin_opd)
    page = client.get(ws(zi_a)).content.decode()
    # Nothing recorded yet; the SIKAP figure is shown with its low confidence, ready to take.
    assert 'data-testid="use-sikap-ipkp"' in page
    assert "IKM / 25; konversi belum baku, keyakinan rendah" in page
    assert "Tidak ada Perjanjian Kinerja 2024 unit ini yang dapat Anda baca." in page
    client.post(ws(zi_a, "hasil_sikap"), {"key": "ipkp"})
    fig = HasilFigure.objects.get(assessment=zi_a, key="ipkp")
    assert (fig.source, fig.points) == ("sikap", Decimal("15.3125"))
    # The unit records the KemenPANRB survey instead: the figure says so, with its source.
    client.post(ws(zi_a, "hasil"), {"key": "ipkp", "value": "3,40", "source": "eksternal",
                                    "source_note": "SPKP KemenPANRB 2024"})  # fmt: skip
    fig.refresh_from_db()
    assert (fig.source, fig.raw, fig.points) == ("eksternal", "3.40", Decimal("14.8750"))
    page = client.get(ws(zi_a)).content.decode()
    assert "Eksternal (survei KemenPANRB) — SPKP KemenPANRB 2024" in page
    # A bad key is refused and changes nothing.
    before = AuditLog.objects.count()
    client.post(ws(zi_a, "hasil_sikap"), {"key": "lain"})
    assert AuditLog.objects.count() == before
    fig.refresh_from_db()
    assert fig.source == "eksternal"


def test_hasil_sikap_page_refuses_other_units(personas, client_for, zi_b,
                                              django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        skm(personas.opd_b, 4)
    for user in (personas.admin_opd, personas.penilai, personas.outsider):
        assert client_for(user).post(ws(zi_b, "hasil_sikap"), {"key": "ipkp"}).status_code in (
            403, 404,
        )  # fmt: skip
    assert not HasilFigure.objects.exists()


# --- SAKIP evidence from the performance app --------------------------------------------------


@pytest.fixture
def sakip_a(personas):  # type: ignore[no-untyped-def]
    return domain.assessment_start(
        actor=personas.admin_opd, unit=personas.opd_a, kind="sakip", year=2024
    )


def test_pk_realisasi_lkjip_offered_and_attached(personas, client_for, sakip_a):
    a = pk(personas.pemda, personas.opd_a, 2024)
    client = client_for(personas.admin_opd)
    offers = client.get(ws(sakip_a)).context["sikap_evidence"]
    assert [(o["key"], o["type"], o["url"], o["suggested"]) for o in offers] == [
        (f"pk:{a.pk}", "pk", f"/p/palu/kinerja/pk/{a.pk}/pk.pdf", "perencanaan.pemenuhan"),
        (f"realisasi:{a.pk}", "laporan", f"/p/palu/kinerja/pk/{a.pk}/", "pengukuran.pemenuhan"),
        (f"lkjip:{a.pk}", "lkjip", f"/p/palu/kinerja/pk/{a.pk}/lkjip.pdf", "pelaporan.pemenuhan"),
    ]
    client.post(
        ws(sakip_a, "sikap_evidence"), {"ref": f"pk:{a.pk}", "code": "perencanaan.pemenuhan"}
    )
    client.post(
        ws(sakip_a, "sikap_evidence"), {"ref": f"pk:{a.pk}", "code": "perencanaan.kualitas"}
    )
    doc = Document.objects.get()  # kept once in the library, attached twice
    assert (doc.kind, doc.doc_type, doc.url, doc.unit, doc.year) == (
        "link", "pk", f"/p/palu/kinerja/pk/{a.pk}/pk.pdf", personas.opd_a, 2024,
    )  # fmt: skip
    assert sorted(Attachment.objects.values_list("item__code", flat=True)) == [
        "perencanaan.kualitas", "perencanaan.pemenuhan",
    ]  # fmt: skip
    assert AuditLog.objects.filter(action="evidence.document.link").count() == 1
    assert AuditLog.objects.filter(action="integrity.attachment.add").count() == 2
    page = client.get(ws(sakip_a)).content.decode()
    assert f'href="/p/palu/kinerja/pk/{a.pk}/pk.pdf"' in page
    # The link is the scoped performance page: its owner reads it, another OPD does not.
    assert client.get(doc.url).status_code == 200
    assert client_for(personas.penilai).get(doc.url).status_code == 404


def test_no_offer_without_signed_pk_and_foreign_refs_refused(personas, client_for, sakip_a):
    pk(personas.pemda, personas.opd_a, 2024, sign=False)
    other = pk(personas.pemda, personas.opd_b, 2024)
    client = client_for(personas.admin_opd)
    assert client.get(ws(sakip_a)).context["sikap_evidence"] == []
    before = AuditLog.objects.count()
    response = client.post(
        ws(sakip_a, "sikap_evidence"),
        {"ref": f"pk:{other.pk}", "code": "perencanaan.pemenuhan"},
        follow=True,
    )
    assert "Dokumen kinerja ini tidak tersedia" in response.content.decode()
    assert not Document.objects.exists() and not Attachment.objects.exists()
    assert AuditLog.objects.count() == before


def test_sikap_evidence_refused_to_other_units(personas, client_for):
    sakip_b = domain.assessment_start(
        actor=personas.admin_pemda, unit=personas.opd_b, kind="sakip", year=2024
    )
    a = pk(personas.pemda, personas.opd_b, 2024)
    data = {"ref": f"pk:{a.pk}", "code": "perencanaan.pemenuhan"}
    for user in (personas.admin_opd, personas.penilai, personas.outsider):
        assert client_for(user).post(ws(sakip_b, "sikap_evidence"), data).status_code in (403, 404)
    assert not Document.objects.exists()
    client_for(personas.admin_pemda).post(ws(sakip_b, "sikap_evidence"), data)
    assert Attachment.objects.get().document.url == f"/p/palu/kinerja/pk/{a.pk}/pk.pdf"


def test_pk_link_in_the_library_shows_use_and_can_be_removed(personas, client_for, sakip_a):
    a = pk(personas.pemda, personas.opd_a, 2024)
    client = client_for(personas.admin_opd)
    data = {"ref": f"lkjip:{a.pk}", "code": "pelaporan.pemenuhan"}
    client.post(ws(sakip_a, "sikap_evidence"), data)
    doc = Document.objects.get()
    page = client.get(reverse("evidence:document", args=[doc.pk])).content.decode()
    assert f'href="/p/palu/kinerja/pk/{a.pk}/lkjip.pdf"' in page
    assert "SAKIP 2024 · Dinas Kesehatan · pelaporan.pemenuhan" in page
    client.post(reverse("evidence:remove", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.removed_at is not None and not Attachment.objects.exists()
    # Offered again, it enters the library as a new document.
    client.post(ws(sakip_a, "sikap_evidence"), data)
    assert Document.objects.filter(removed_at__isnull=True).count() == 1
    assert Attachment.objects.get().document_id != doc.pk


def test_page_says_when_the_pk_moved_since_the_figure_was_taken(personas, client_for, zi_a):
    pk(personas.pemda, personas.opd_a, 2023, real="80")
    a = pk(personas.pemda, personas.opd_a, 2024, real="84")
    client = client_for(personas.admin_opd)
    client.post(ws(zi_a, "hasil_sikap"), {"key": "capaian_kinerja"})
    assert "berbeda dari nilai yang tercatat" not in client.get(ws(zi_a)).content.decode()
    # Realisasi corrected to 76 of 80: capaian 95.00 % → option D (1.25), the stored B stays.
    indicator = a.sasaran.get().indicators.get()
    perf.realisation_record(actor=None, indicator=indicator, period="year", value=Decimal("76"))
    page = client.get(ws(zi_a)).content.decode()
    assert "berbeda dari nilai yang tercatat" in page
    assert HasilFigure.objects.get().raw == "B"
    client.post(ws(zi_a, "hasil_sikap"), {"key": "capaian_kinerja"})
    assert (HasilFigure.objects.get().raw, HasilFigure.objects.get().points) == (
        "D",
        Decimal("1.25"),
    )


# --- zi-status reads the figures SIKAP holds now -----------------------------------------------


def zi_status(*args: str) -> dict:  # type: ignore[type-arg]
    out = io.StringIO()
    call_command("integrity", "zi-status", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_zi_status_follows_the_pk_and_skm_after_the_figures_were_taken(
    personas, zi_a, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    pk(personas.pemda, personas.opd_a, 2023, real="80")
    a = pk(personas.pemda, personas.opd_a, 2024, real="84")
    with django_capture_on_commit_callbacks(execute=True):
        skm(personas.opd_a, 4, 3)
    for key in ("capaian_kinerja", "ipkp"):
        domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key=key)
    domain.hasil_record(actor=personas.admin_opd, assessment=zi_a, key="ipak", value="3,70",
                        source="eksternal", source_note="SPAK KemenPANRB 2024")  # fmt: skip
    # Taken: B = 3.75, IPKP 3.5 → 15.3125; typed: IPAK 3.70 / 4 × 17.5 = 16.1875. No answers,
    # so the total is the hasil: 35.25.
    data = zi_status("--pemda", "palu", "--unit", "dinkes", "--year", "2024")
    assert (data["hasil"], data["total"], data["pengungkit"]) == (35.25, 35.25, 0.0)
    assert data["hasil_missing"] == []
    # The unit's realisasi is corrected to 76 of 80 (capaian 95.00 % → option D, 1.25) and two
    # more SKM answers, all 1, come in: NRR (4 + 3 + 1 + 1) / 4 = 2.25 on every unsur → IKM
    # 56.25 → IPKP index 2.25 → 2.25 / 4 × 17.5 = 9.84375. The stored copies stay as taken.
    indicator = a.sasaran.get().indicators.get()
    perf.realisation_record(actor=None, indicator=indicator, period="year", value=Decimal("76"))
    with django_capture_on_commit_callbacks(execute=True):
        skm(personas.opd_a, 1, 1)
    stored = {f.key: (f.raw, f.points) for f in HasilFigure.objects.all()}
    audit_rows = AuditLog.objects.count()
    data = zi_status("--pemda", "PALU", "--unit", "DinKes", "--year", "2024")
    # 1.25 + 16.1875 + 9.84375 = 27.28125
    assert (data["hasil"], data["total"]) == (27.28, 27.28)
    assert data["hasil_parts"] == {"capaian_kinerja": 1.25, "ipak": 16.19, "ipkp": 9.84}
    assert data["hasil_sources"] == {
        "capaian_kinerja": {
            "source": "sikap",
            "live": True,
            "raw": "D",
            "points": 1.25,
            "note": "PK 2024: capaian 95,00% (tahun 2023: 100,00%); capaian di bawah 100% → "
            "opsi D; aturan integrity:2021, keyakinan sedang",
        },
        "ipak": {
            "source": "eksternal",
            "live": False,
            "raw": "3.70",
            "points": 16.1875,
            "note": "SPAK KemenPANRB 2024",
        },
        "ipkp": {
            "source": "sikap",
            "live": True,
            "raw": "2.25",
            "points": 9.8438,
            "note": "SKM 2024: IKM 56,25 (4 responden) → indeks IPKP 2,2500 = IKM / 25; "
            "konversi belum baku, keyakinan rendah",
        },
    }
    # The specified keys keep their shape.
    assert {"pengungkit", "hasil", "total", "areas", "wbk", "wbbm"} <= set(data)
    assert set(data["wbk"]) == {"eligible", "confidence", "shortfalls"}
    # zi-status reads; it stores and audits nothing.
    assert {f.key: (f.raw, f.points) for f in HasilFigure.objects.all()} == stored
    assert stored["capaian_kinerja"] == ("B", Decimal("3.7500"))
    assert AuditLog.objects.count() == audit_rows
    # The text form names each figure's source.
    out = io.StringIO()
    call_command("integrity", "zi-status", "--pemda", "palu", "--unit", "DINKES", "--year",
                 "2024", stdout=out)  # fmt: skip
    assert "  ipak: 16.1875 [eksternal] SPAK KemenPANRB 2024" in out.getvalue()
    assert "  capaian_kinerja: 1.2500 [sikap (data SIKAP saat ini)] PK 2024" in out.getvalue()


def test_zi_status_counts_a_sikap_figure_sikap_no_longer_holds_as_missing(personas, zi_a):
    a = pk(personas.pemda, personas.opd_a, 2024, real="84")
    domain.hasil_from_sikap(actor=personas.admin_opd, assessment=zi_a, key="capaian_kinerja")
    # The PK's only outcome indicator becomes an output: no longer outcome-oriented → E, 0.
    Indicator.objects.filter(sasaran__agreement=a).update(kind="output")
    data = zi_status("--pemda", "palu", "--unit", "DINKES", "--year", "2024")
    assert (
        data["hasil_parts"]["capaian_kinerja"],
        data["hasil_sources"]["capaian_kinerja"]["raw"],
    ) == (0.0, "E")
    # The PK's realisasi removed: SIKAP holds no capaian now; the figure is missing, with why.
    Realisation.objects.filter(indicator__sasaran__agreement=a).delete()
    Indicator.objects.filter(sasaran__agreement=a).update(kind="outcome")
    Agreement.objects.filter(pk=a.pk).update(capaian=None)
    data = zi_status("--pemda", "palu", "--unit", "DINKES", "--year", "2024")
    assert data["hasil_missing"] == ["capaian_kinerja", "ipak", "ipkp"]
    assert data["hasil_sources"]["capaian_kinerja"] == {
        "source": "sikap",
        "live": True,
        "raw": "",
        "points": None,
        "note": "Capaian Perjanjian Kinerja 2024 belum dihitung (belum ada realisasi).",
    }
    assert data["hasil"] == 0.0


def test_zi_status_reads_only_the_pemda_it_is_given(personas, django_capture_on_commit_callbacks):
    # Donggala has a DINKES too, with its own PK (capaian 125 %, option C: no last year) and SKM.
    twin = make_unit(personas.other_pemda, "DINKES", "Dinas Kesehatan Donggala", "dinas")
    pk(personas.other_pemda, twin, 2024, real="100")
    with django_capture_on_commit_callbacks(execute=True):
        skm(twin, 4)
    zi_twin = domain.assessment_start(actor="test", unit=twin, kind="zi", year=2024)
    for key in ("capaian_kinerja", "ipkp"):  # by Donggala's Admin Pemda
        domain.hasil_from_sikap(actor=personas.outsider, assessment=zi_twin, key=key)
    donggala = system_within(personas.other_pemda.pk)
    # The operator of Palu reads nothing of Donggala through the providers.
    palu = system_within(personas.pemda.pk)
    assert ask(PERFORMANCE_UNIT_CAPAIAN, user=palu, unit=twin, year=2024) is None
    assert ask(PUBLICSERVICE_UNIT_IKM, user=palu, unit=twin, year=2024) is None
    with pytest.raises(ValidationError, match="Tidak ada Perjanjian Kinerja 2024"):
        sikap_figure(palu, zi_twin, "capaian_kinerja")
    assert ask(PERFORMANCE_UNIT_CAPAIAN, user=donggala, unit=twin, year=2024)["capaian"] == (
        Decimal("125.00")
    )
    # Narrowing one operator leaves the other as it was.
    assert ask(PUBLICSERVICE_UNIT_IKM, user=donggala, unit=twin, year=2024)["ikm"] == Decimal("100")
    assert ask(PERFORMANCE_UNIT_CAPAIAN, user=palu, unit=personas.opd_b, year=2024) is None
    # zi-status of Donggala's DINKES reads Donggala's figures: C 2.5 + IPKP 4 → 17.5 = 20.
    data = zi_status("--pemda", "DONGGALA", "--unit", "dinkes", "--year", "2024")
    assert (data["hasil_parts"]["capaian_kinerja"], data["hasil_parts"]["ipkp"]) == (2.5, 17.5)
    # Palu's DINKES has no ZI; Donggala's is never reached through --pemda palu.
    with pytest.raises(CommandError, match="Unit DINKES belum memulai Zona Integritas 2024"):
        zi_status("--pemda", "palu", "--unit", "dinkes", "--year", "2024")
