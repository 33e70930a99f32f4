"""How domain ValidationErrors reach the command line and forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sikap.core.validation import add_to_form, validation_messages


def test_messages_with_and_without_fields():
    exc = ValidationError({"code": ["sudah dipakai", "terlalu panjang"], "__all__": ["umum"]})
    assert validation_messages(exc) == ["sudah dipakai", "terlalu panjang", "umum"]
    assert validation_messages(exc, with_field=True) == [
        "code: sudah dipakai",
        "code: terlalu panjang",
        "umum",
    ]
    assert validation_messages(ValidationError("satu"), with_field=True) == ["satu"]


class _Form(forms.Form):
    name = forms.CharField()


def test_errors_land_on_their_field_or_on_top():
    form = _Form({"name": "x"})
    assert form.is_valid()
    add_to_form(form, ValidationError({"name": ["salah"], "other": ["lain"]}))
    add_to_form(form, ValidationError("umum"))
    assert form.errors == {"name": ["salah"], "__all__": ["lain", "umum"]}


def test_form_error_summary_names_each_field_by_its_label():
    from django import forms

    from sikap.core.validation import form_error_summary

    class Form(forms.Form):
        when = forms.DateField(label="Tanggal")
        where = forms.CharField(label="Tempat")

    form = Form(data={"when": "kemarin"})
    assert form.is_valid() is False
    assert form_error_summary(form) == (
        "Tanggal: Masukkan tanggal yang valid.; Tempat: Bidang ini harus diisi."
    )


def test_form_error_summary_gives_an_error_of_the_whole_form_without_a_label():
    from django import forms

    from sikap.core.validation import form_error_summary

    class Form(forms.Form):
        where = forms.CharField(label="Tempat")

    form = Form(data={"where": "Palu"})
    assert form.is_valid() is True
    form.add_error(None, "PK ini sudah ditandatangani.")
    form.add_error("where", "Bukan di sini.")
    assert form_error_summary(form) == "PK ini sudah ditandatangani.; Tempat: Bukan di sini."
