from __future__ import annotations

import pytest
from django.http import Http404

from sikap.core.roles import Cap
from sikap.core.scoping import get_in_scope, reach, scope_units
from sikap.org.models import OrgUnit


def codes(user, cap=Cap.ORG_VIEW) -> list[str]:
    return sorted(scope_units(OrgUnit.objects.all(), user, cap).values_list("code", flat=True))


def test_admin_pemda_sees_whole_pemda_only(personas):
    assert codes(personas.admin_pemda) == ["DINKES", "DINKES-PKM-KAMONJI", "DUKCAPIL"]


def test_admin_opd_sees_its_subtree(personas):
    assert codes(personas.admin_opd) == ["DINKES", "DINKES-PKM-KAMONJI"]


def test_penilai_sees_assigned_unit(personas):
    assert codes(personas.penilai) == ["DUKCAPIL"]


def test_pegawai_and_anonymous_see_no_units(personas, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert codes(personas.pegawai) == []
    assert codes(AnonymousUser()) == []


def test_outsider_sees_only_own_pemda(personas):
    assert codes(personas.outsider) == ["DG-SETDA"]


def test_capability_not_granted_gives_empty_reach(personas):
    assert reach(personas.pimpinan, Cap.ROLES_MANAGE).empty
    assert codes(personas.admin_opd, Cap.ROLES_MANAGE) == []


def test_get_in_scope_answers_404_for_missing_and_not_yours(personas):
    visible = scope_units(OrgUnit.objects.all(), personas.admin_opd, Cap.ORG_VIEW)
    assert get_in_scope(visible, pk=personas.puskesmas.pk) == personas.puskesmas
    with pytest.raises(Http404):
        get_in_scope(visible, pk=personas.opd_b.pk)
    with pytest.raises(Http404):
        get_in_scope(visible, pk=999_999)
    with pytest.raises(Http404):
        get_in_scope(visible, pk="not-a-number")


def test_inactive_user_reaches_nothing(personas):
    personas.admin_pemda.is_active = False
    assert codes(personas.admin_pemda) == []
