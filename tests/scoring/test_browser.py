"""Browser check: the calculators work through HTMX under the strict CSP, on a phone."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_calculators_swap_results_in_place(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/aturan/")
    start_url = page.url
    page.fill("#id_grade_ombudsman_score", "86.07")
    page.fill("#id_grade_ombudsman_year", "2023")
    page.click("#aturan-ombudsman button[type=submit]")
    page.wait_for_selector("#result-grade-ombudsman .result-category")
    assert page.inner_text("#result-grade-ombudsman .result-category") == "B"
    assert page.inner_text("#result-grade-ombudsman .result-label") == "Kualitas Tinggi"
    assert page.url == start_url  # swapped by HTMX, no navigation

    page.fill("#id_grade_skm_score", "101")
    page.click("#aturan-skm button[type=submit]")
    page.wait_for_selector("#result-grade-skm .calculator-error")
    assert "skm: nilai 101 di luar rentang 25.00–100.00" in page.inner_text(
        "#result-grade-skm .calculator-error"
    )

    page.select_option("#id_skp_hasil", "diatas")
    page.select_option("#id_skp_perilaku", "dibawah")
    page.click("[data-calculator=skp] button[type=submit]")
    page.wait_for_selector("#result-skp .result-predicate")
    assert page.inner_text("#result-skp .result-predicate") == "Kurang/Misconduct"

    # Usable on a phone: nothing wider than the screen but the scrollable tables.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
    assert page.csp_errors == []
