"""`{% row_form %}` (core's form_style) writes what partials/form_row.html writes, in one pass."""

from __future__ import annotations

import re

from django import forms as django_forms
from django.template import Context, Template
from django.template.loader import render_to_string

from sikap.core.templatetags.form_style import row_form
from sikap.integrity import forms


def same(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def partial(form, shown: bool) -> str:  # type: ignore[no-untyped-def]
    return render_to_string("partials/form_row.html", {"form": form, "labels_shown": shown})


def test_row_form_writes_the_partials_markup():
    fresh = forms.ReviewForm(row="MP.P.1.b", initial={"code": "MP.P.1.b", "flag": "lainnya"})
    refused = forms.AnswerForm({"code": "MP.P.1.b", "answer": "x" * 30}, row="MP.P.1.b")
    assert not refused.is_valid()
    refused.add_error(None, "Penilaian ini sudah diusulkan.")
    for form in (fresh, refused):
        for shown in (False, True):
            assert same(row_form(form, shown)) == same(partial(form, shown))
    assert 'aria-describedby="ans-answer-MP.P.1.b-error"' in row_form(refused)
    assert '<option value="lainnya" selected>' in row_form(fresh)


class AnyPageForm(django_forms.Form):
    """A form of no app in particular: a hidden key, a text, a choice and a checkbox."""

    ref = django_forms.CharField(widget=django_forms.HiddenInput)
    name = django_forms.CharField(label="Nama", max_length=5)
    kind = django_forms.ChoiceField(label="Jenis", choices=[("a", "A"), ("b", "B")])
    agreed = django_forms.BooleanField(label="Setuju", required=False)


def test_row_form_serves_any_page_through_the_form_style_library():
    fresh = AnyPageForm(initial={"ref": "r1", "kind": "b", "agreed": True})
    refused = AnyPageForm({"ref": "r1", "name": "terlalu panjang", "kind": "c"})
    assert not refused.is_valid()
    for form in (fresh, refused):
        for shown in (False, True):
            assert same(row_form(form, shown)) == same(partial(form, shown))
    # Loaded as a template tag by any template, beside `styled`.
    html = Template("{% load form_style %}{% row_form form True %}").render(
        Context({"form": refused})
    )
    assert same(html) == same(partial(refused, True))
    assert '<input type="hidden" name="ref" value="r1" id="id_ref">' in html
    assert '<label class="form-label small" for="id_name">Nama</label>' in html
    assert 'aria-invalid="true" aria-describedby="id_kind-error"' in html
    assert '<input type="checkbox" name="agreed" class="form-check-input" id="id_agreed">' in html
