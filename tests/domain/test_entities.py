"""Entities are plain, mutable dataclasses with an `id`, ready for imperative mapping."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from apdesk.domain import entities
from apdesk.domain.entities import Placement, Provider, Pupil
from apdesk.domain.enums import IncidentStatus, ProviderKind, SenStatus, Session, SiteKind
from apdesk.domain.labels import label

ENTITY_CLASSES = [getattr(entities, name) for name in entities.__all__]


@pytest.mark.parametrize("cls", ENTITY_CLASSES, ids=lambda c: c.__name__)
def test_plain_dataclass_with_optional_id(cls: type) -> None:
    assert dataclasses.is_dataclass(cls)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert not params.frozen
    assert "__slots__" not in cls.__dict__
    id_field = {f.name: f for f in dataclasses.fields(cls)}["id"]
    assert id_field.default is None


def test_child_lists_are_not_shared_between_instances() -> None:
    a = Provider("A", ProviderKind.TUTOR)
    b = Provider("B", ProviderKind.TUTOR)
    a.sites.append(entities.Site("Home", "1 Road"))
    assert b.sites == []
    assert Placement(1, 1, date(2026, 3, 2)).objectives == []


def test_pupil_names() -> None:
    pupil = Pupil("Alexander", "Smith", date(2012, 5, 1), preferred_name="Alex")
    assert pupil.display_name == "Alex Smith"
    assert pupil.legal_name == "Alexander Smith"
    assert pupil.sen_status is SenStatus.NONE


def test_provider_dsl_and_main_site() -> None:
    provider = Provider("A", ProviderKind.TUTOR)
    assert provider.dsl is None and provider.main_site is None
    provider.sites = [
        entities.Site("Annexe", "2 Lane", SiteKind.SATELLITE),
        entities.Site("HQ", "1 Road", SiteKind.MAIN),
    ]
    provider.contacts = [entities.Contact("Kim", is_dsl=True)]
    assert provider.main_site is not None and provider.main_site.name == "HQ"
    assert provider.dsl is not None and provider.dsl.name == "Kim"


def test_attendance_mark_effective_code() -> None:
    mark = entities.AttendanceMark(3, date(2026, 3, 2), Session.AM)
    assert mark.effective_code is None
    mark.provider_reported_code = "B"
    assert mark.effective_code == "B"
    mark.code = "O"
    assert mark.effective_code == "O" and mark.provider_reported_code == "B"


def test_labels_are_british_and_never_collide() -> None:
    assert label(SenStatus.SEN_SUPPORT) == "SEN support"
    assert label(ProviderKind.OFSTED_REGISTERED_AP) == "Ofsted-registered alternative provider"
    assert label(SiteKind.SUBCONTRACTED) == "Subcontracted provision"
    assert label(IncidentStatus.OPEN) == "Open"  # falls back to the value
