"""In a browser: a unit answers items with evidence, the TPI marks one item "evidence missing",
the unit attaches a document from the library, and the score and WBK status follow."""

from __future__ import annotations

import pytest

from sikap.core.roles import Role
from sikap.evidence import domain as library
from sikap.integrity import domain
from sikap.integrity.models import Attachment, ItemScore
from sikap.rules import zi
from tests.conftest import browser_login
from tests.factories import TEST_PASSWORD
from tests.integrity.conftest import pdf

pytestmark = [pytest.mark.browser]

ITEM = "PW.R.2.a"  # 3 points: the item that moves the WBK verdict


# Pengawasan's other reform items score nothing, so the area stands at 7.5 of 15 (50 %, short
# of WBK's 60 %) without this item and at 10.5 (70 %) with it.
WEAK = {"PW.R.1.a": "E", "PW.R.3.a": "0%", "PW.R.3.b": "0%"}


def _answer_all_but(assessment, actor, skip):  # type: ignore[no-untyped-def]
    for item in zi.ITEMS:
        if item.code == skip:
            continue
        answer = WEAK.get(item.code) or {"ya/tidak": "Ya", "persen": "100%"}.get(
            item.answer_type, "A"
        )
        domain.answer_record(actor=actor, assessment=assessment, code=item.code, answer=answer)
    for key, value in (("capaian_kinerja", "B"), ("ipak", "3.70"), ("ipkp", "3.40")):
        domain.hasil_record(actor=actor, assessment=assessment, key=key, value=value,
                            source="eksternal", source_note="KemenPANRB 2024")  # fmt: skip


def _login(page, base, username):  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    browser_login(page, base, username, TEST_PASSWORD)


def test_unit_answers_tpi_flags_unit_attaches_score_follows(
    page, live_server, transactional_db, personas, zi_a
):
    p = personas
    p.penilai.role_assignments.create(pemda=p.pemda, role=Role.PENILAI, unit=p.opd_a)
    _answer_all_but(zi_a, p.admin_opd, ITEM)
    doc = library.document_upload(actor=p.admin_opd, unit=p.opd_a, year=2024, doc_type="laporan",
                                 title="Rekap tindak lanjut pengaduan 2024", upload=pdf())  # fmt: skip
    base = live_server.url
    workspace = f"{base}/p/palu/integritas/zi/2024/dinkes/"  # a unit code in any case

    # The unit answers the item in the browser.
    _login(page, base, p.admin_opd.username)
    page.goto(workspace + "?area=PW")
    page.get_by_test_id(f"answer-{ITEM}").fill("100%")
    page.get_by_test_id(f"save-{ITEM}").click()
    page.wait_for_load_state()
    assert page.get_by_test_id(f"self-{ITEM}").inner_text() == "100%"
    assert page.get_by_test_id("total-self").inner_text() == "90,31"
    assert page.get_by_test_id("verdict-self-wbk").inner_text() == "memenuhi syarat"
    page.get_by_test_id("submit").click()
    page.wait_for_load_state()

    # The TPI scores it 0 % with "evidence missing": at the TPI level Pengawasan falls to 50 %.
    _login(page, base, p.penilai.username)
    page.goto(workspace + "?area=PW")
    page.get_by_test_id(f"tpi-answer-{ITEM}").fill("0%")
    page.get_by_test_id(f"flag-{ITEM}").select_option("eviden_kurang")
    page.get_by_test_id(f"note-{ITEM}").fill("Lampirkan rekap tindak lanjut pengaduan")
    page.get_by_test_id(f"review-{ITEM}").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("total-tpi").inner_text() == "87,31"
    assert page.get_by_test_id("verdict-tpi-wbk").inner_text() == "belum memenuhi syarat"
    assert (
        page.get_by_test_id("short-tpi-wbk-area:PW")
        .inner_text()
        .startswith("Penguatan Pengawasan: 7,50 < 9,00 (kurang 1,50)")
    )
    assert ItemScore.objects.get(item__code=ITEM, level="tpi").flag == "eviden_kurang"

    # The unit sees the flag and attaches the document from the library.
    _login(page, base, p.admin_opd.username)
    page.goto(workspace + "?area=PW")
    assert "Eviden belum ada" in page.get_by_test_id(f"tpi-note-{ITEM}").inner_text()
    page.get_by_test_id(f"pick-{ITEM}").fill(str(doc.pk))  # offered by the library's datalist
    page.get_by_test_id(f"attach-{ITEM}").click()
    page.wait_for_load_state()
    assert page.get_by_test_id(f"doc-{ITEM}").inner_text().startswith(doc.title)
    assert Attachment.objects.filter(item__code=ITEM, document=doc).count() == 1

    # The TPI checks the evidence and gives the item in full: score and WBK status follow.
    _login(page, base, p.penilai.username)
    page.goto(workspace + "?area=PW")
    page.get_by_test_id(f"tpi-answer-{ITEM}").fill("100%")
    page.get_by_test_id(f"flag-{ITEM}").select_option("")
    page.get_by_test_id(f"review-{ITEM}").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("total-tpi").inner_text() == "90,31"
    assert page.get_by_test_id("verdict-tpi-wbk").inner_text() == "memenuhi syarat"
    assert page.csp_errors == []
