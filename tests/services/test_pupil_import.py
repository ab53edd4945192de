"""Importing an MIS export: preview first, one transaction, one audit row a pupil, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from apdesk.domain.entities import Carer
from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.services import pupils
from apdesk.services.pupil_import import RowStatus, apply_import, preview_import

DATA = Path(__file__).parent.parent / "data"
SIMS = (DATA / "pupils-sims.csv").read_bytes()


def audit_rows(services, action="pupil.import") -> int:
    with services.store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE action = ?", (action,)
        ).scalar()


def statuses(preview) -> dict[str, RowStatus]:
    return {row.name: row.status for row in preview.rows}


def test_the_preview_writes_nothing_and_says_what_each_row_would_do(services, actors):
    dsl = actors[Role.DSL]
    preview = preview_import(services, dsl, SIMS)
    assert statuses(preview) == {
        "Siobhán O'Connor": RowStatus.NEW,
        "Zofia Wiśniewska": RowStatus.NEW,
        "Minh Nguyễn": RowStatus.NEW,
        "Terry Typo": RowStatus.PROBLEM,
        "Nia Nodate": RowStatus.PROBLEM,
        "Cole Armstrong": RowStatus.PROBLEM,
        "Kyle Armstrong": RowStatus.PROBLEM,
    }
    cole = next(r for r in preview.rows if r.name == "Cole Armstrong")
    assert "is in the file twice (also line 9)" in cole.detail
    assert preview.summary == (
        "SIMS export (UTF-8 with BOM), 7 rows: 3 new, 0 to update, 0 unchanged, "
        "4 with a problem (left out)."
    )
    assert pupils.list_pupils(services, dsl) == [] and audit_rows(services) == 0


def test_importing_writes_each_pupil_once_and_the_same_file_again_changes_nothing(services, actors):
    dsl = actors[Role.DSL]
    result = apply_import(services, dsl, SIMS)
    assert (result.added, result.updated) == (3, 0)
    assert result.summary == (
        "Imported 3 new and updated 0 pupils; 0 already up to date; 4 rows left out with a problem."
    )
    listed = {p.name: p.upn for p in pupils.list_pupils(services, dsl)}
    assert listed == {
        "Shiv O'Connor": "F938412319001",
        "Zofia Wiśniewska": "T838412319002",
        "Minh Nguyễn": "C940412319003",
    }
    assert audit_rows(services) == 3
    with services.store.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
    again = apply_import(services, dsl, SIMS)
    assert (again.added, again.updated) == (0, 0)
    assert again.preview.count(RowStatus.UNCHANGED) == 3
    with services.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar() == before


def test_a_changed_export_updates_only_what_changed_and_keeps_carers_typed_in_apdesk(
    services, actors
):
    dsl = actors[Role.DSL]
    apply_import(services, dsl, SIMS)
    (row,) = [p for p in pupils.list_pupils(services, dsl) if p.upn == "F938412319001"]
    held = pupils.get_pupil(services, dsl, row.id)
    held.cp_plan = True
    held.carers = [*held.carers, Carer("Social worker: J Bloggs", "Social worker")]
    pupils.save_pupil(services, dsl, held)
    changed = SIMS.replace(b"Year 9,9K,K", b"Year 10,9K,E", 1).replace(
        b"07700 900001", b"07700 900099"
    )
    preview = preview_import(services, dsl, changed)
    siobhan = next(r for r in preview.rows if r.upn == "F938412319001")
    assert siobhan.status is RowStatus.UPDATE
    assert siobhan.detail == (
        "year group 9 → 10; SEN status SEN support → EHCP; carer Mary O'Connor updated"
    )
    assert statuses(preview)["Zofia Wiśniewska"] is RowStatus.UNCHANGED
    result = apply_import(services, dsl, changed)
    assert (result.added, result.updated) == (0, 1)
    after = pupils.get_pupil(services, dsl, row.id)
    assert after.year_group == 10 and after.cp_plan  # the flag is not in an MIS export
    assert [(c.name, c.phone) for c in after.carers] == [
        ("Mary O'Connor", "07700 900099"),
        ("Social worker: J Bloggs", ""),
    ]
    assert audit_rows(services) == 4


@pytest.mark.parametrize("name", ["arbor", "bromcom"])
def test_every_layout_imports_and_reimports_to_nothing(services, actors, name):
    data = (DATA / f"pupils-{name}.csv").read_bytes()
    first = apply_import(services, actors[Role.INCLUSION_LEAD], data)
    assert first.added == {"arbor": 4, "bromcom": 2}[name]
    second = apply_import(services, actors[Role.INCLUSION_LEAD], data)
    assert (second.added, second.updated) == (0, 0)


def test_an_import_is_refused_to_those_who_may_not_change_pupils(services, actors):
    with pytest.raises(PermissionDenied):
        apply_import(services, actors[Role.GOVERNOR], SIMS)
    with pytest.raises(PermissionDenied):
        preview_import(services, actors[Role.ATTENDANCE_LEAD], SIMS)
    assert audit_rows(services) == 0
