from __future__ import annotations

from django.urls import reverse


def test_strict_csp_on_pages(db, client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_or_style_in_base_page(db, client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html
