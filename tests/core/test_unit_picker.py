"""The searchable unit picker writes its options itself (hundreds of units): the same choices,
the chosen one selected, every label escaped, as a field of the one form style."""

from __future__ import annotations

from django import forms

from sikap.core.inputs import UnitPicker


class PickForm(forms.Form):
    unit = forms.TypedChoiceField(label="Unit", coerce=int, widget=UnitPicker)


def test_options_are_written_escaped_with_the_chosen_one_selected():
    form = PickForm(data={"unit": "2"})
    form.fields["unit"].choices = [(1, "Dinas <Kesehatan>"), (2, 'UPT "Pasar" & Co')]
    assert form.is_valid(), form.errors
    html = str(form["unit"])
    assert html == (
        '<select name="unit" data-searchable="Cari unit…" id="id_unit">'
        '<option value="1">Dinas &lt;Kesehatan&gt;</option>'
        '<option value="2" selected>UPT &quot;Pasar&quot; &amp; Co</option></select>'
    )


def test_a_choice_not_offered_is_an_error_of_the_field():
    form = PickForm(data={"unit": "3"})
    form.fields["unit"].choices = [(1, "Dinas Kesehatan")]
    assert not form.is_valid()
    assert list(form.errors) == ["unit"]
    # Option groups fall back to Django's own rendering.
    form.fields["unit"].choices = [("OPD", [(1, "Dinas Kesehatan")])]
    assert '<optgroup label="OPD">' in str(form["unit"])
