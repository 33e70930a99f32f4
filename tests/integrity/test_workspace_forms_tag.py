"""`{% row_form %}` writes what partials/form_row.html writes, in one pass."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from sikap.integrity import forms
from sikap.integrity.templatetags.workspace_forms import row_form


def same(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def test_row_form_writes_the_partials_markup():
    fresh = forms.ReviewForm(row="MP.P.1.b", initial={"code": "MP.P.1.b", "flag": "lainnya"})
    refused = forms.AnswerForm({"code": "MP.P.1.b", "answer": "x" * 30}, row="MP.P.1.b")
    assert not refused.is_valid()
    refused.add_error(None, "Penilaian ini sudah diusulkan.")
    for form in (fresh, refused):
        for shown in (False, True):
            partial = render_to_string(
                "partials/form_row.html", {"form": form, "labels_shown": shown}
            )
            assert same(row_form(form, shown)) == same(partial)
    assert 'aria-describedby="ans-answer-MP.P.1.b-error"' in row_form(refused)
    assert '<option value="lainnya" selected>' in row_form(fresh)
