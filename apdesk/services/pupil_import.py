"""Importing pupils from an MIS export: a preview first, then one transaction.

`preview_import` reads the file (domain.pupil_import) and sets each row against the store by
UPN: *new*, *update* (listing what changes), *unchanged*, or a *problem* (a bad UPN, a
missing field, the same UPN twice in the file). `apply_import` works the preview out again
inside one unit of work, writes the new and updated pupils and nothing else, with one audit
row for each pupil it writes; a row with a problem is left out and said so. Importing the
same file again finds every row unchanged and writes nothing. Child-protection flags are
never in an MIS export and are never changed; carers in the file are added or updated by
name, and carers already held that the file does not list are kept.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.pupil_import import FIELD_NAMES, ParsedFile, read_export
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.pupils import FIELDS
from apdesk.services.unit_of_work import UnitOfWork, snapshot

CARER_FIELDS = ("name", "relationship", "phone", "email", "parental_responsibility")


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    PROBLEM = "problem"


@dataclass(frozen=True)
class PreviewRow:
    line: int
    name: str
    upn: str
    status: RowStatus
    detail: str
    pupil: Pupil | None = None
    pupil_id: int | None = None


@dataclass(frozen=True)
class ImportPreview:
    layout: str
    encoding: str
    rows: list[PreviewRow] = field(default_factory=list)

    def count(self, status: RowStatus) -> int:
        return sum(r.status is status for r in self.rows)

    @property
    def summary(self) -> str:
        return (
            f"{self.layout} export ({self.encoding}), {len(self.rows)} rows: "
            f"{self.count(RowStatus.NEW)} new, {self.count(RowStatus.UPDATE)} to update, "
            f"{self.count(RowStatus.UNCHANGED)} unchanged, "
            f"{self.count(RowStatus.PROBLEM)} with a problem (left out)."
        )


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    added: int
    updated: int

    @property
    def summary(self) -> str:
        left = self.preview.count(RowStatus.PROBLEM)
        return (
            f"Imported {self.added} new and updated {self.updated} pupils; "
            f"{self.preview.count(RowStatus.UNCHANGED)} already up to date"
            + (f"; {left} rows left out with a problem." if left else ".")
        )


def preview_import(svc: AppServices, actor: Actor, data: bytes) -> ImportPreview:
    """What importing `data` would do, row by row; nothing is written."""
    parsed = read_export(data, svc.clock.today())
    with svc.read(actor, Permission.EDIT_PUPILS) as session:
        return _preview(session, parsed)


def apply_import(svc: AppServices, actor: Actor, data: bytes) -> ImportResult:
    """Write the new and changed pupils in one transaction, one audit row per pupil."""
    parsed = read_export(data, svc.clock.today())
    with svc.work(actor, Permission.EDIT_PUPILS) as uow:
        preview = _preview(uow.session, parsed)
        added = updated = 0
        for row in preview.rows:
            if row.status is RowStatus.NEW and row.pupil is not None:
                _write(uow, row, parsed, None)
                added += 1
            elif row.status is RowStatus.UPDATE and row.pupil is not None:
                _write(uow, row, parsed, uow.session.get(Pupil, row.pupil_id))
                updated += 1
        return ImportResult(preview, added, updated)


def _preview(session: DbSession, parsed: ParsedFile) -> ImportPreview:
    held = {p.upn: p for p in session.scalars(select(Pupil)) if p.upn}
    seen = Counter(row.upn for row in parsed.rows if row.upn)
    rows = []
    for row in parsed.rows:
        problems = list(row.problems)
        if row.upn and seen[row.upn] > 1:
            others = [r.line for r in parsed.rows if r.upn == row.upn and r.line != row.line]
            problems.append(
                f"UPN {row.upn} is in the file twice (also line "
                + ", ".join(map(str, others))
                + "): neither is imported until one is put right."
            )
        notes = "; ".join(row.warnings)
        if problems or row.pupil is None:
            detail = " ".join(problems + row.warnings)
            rows.append(PreviewRow(row.line, row.name, row.upn, RowStatus.PROBLEM, detail))
            continue
        stored = held.get(row.upn)
        if stored is None:
            rows.append(PreviewRow(row.line, row.name, row.upn, RowStatus.NEW, notes, row.pupil))
            continue
        changes = _changes(stored, row.pupil, parsed)
        status = RowStatus.UPDATE if changes else RowStatus.UNCHANGED
        detail = "; ".join(filter(None, ["; ".join(changes), notes]))
        rows.append(PreviewRow(row.line, row.name, row.upn, status, detail, row.pupil, stored.id))
    return ImportPreview(parsed.layout, parsed.encoding, rows)


def _show(name: str, value: object) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, StrEnum):
        return label(value)
    return str(value)


def _changes(stored: Pupil, incoming: Pupil, parsed: ParsedFile) -> list[str]:
    changes = []
    for name in FIELDS:
        if name == "upn" or name not in parsed.fields:
            continue
        old, new = getattr(stored, name), getattr(incoming, name)
        if old != new:
            changes.append(f"{FIELD_NAMES[name]} {_show(name, old)} → {_show(name, new)}")
    for carer in _merged_carers(stored.carers, incoming.carers):
        if carer.id is None:
            changes.append(f"carer {carer.name} added")
        else:
            before = next(c for c in stored.carers if c.id == carer.id)
            if snapshot(before, *CARER_FIELDS) != snapshot(carer, *CARER_FIELDS):
                changes.append(f"carer {carer.name} updated")
    return changes


def _merged_carers(held: list[Carer], incoming: list[Carer]) -> list[Carer]:
    """The carers to keep: those held, updated from the file by name, then the file's new ones."""
    result = [dataclasses.replace(c) for c in held]
    by_name = {c.name.casefold(): c for c in result}
    for carer in incoming:
        same = by_name.get(carer.name.casefold())
        if same is None:
            result.append(dataclasses.replace(carer, id=None, pupil_id=None))
            continue
        for name in ("relationship", "phone", "email"):
            if getattr(carer, name):
                setattr(same, name, getattr(carer, name))
        same.parental_responsibility = carer.parental_responsibility
    return result


def _write(uow: UnitOfWork, row: PreviewRow, parsed: ParsedFile, stored: Pupil | None) -> None:
    incoming = row.pupil
    assert incoming is not None
    old = None
    if stored is None:
        stored = Pupil(incoming.legal_first_name, incoming.legal_last_name, incoming.date_of_birth)
        uow.session.add(stored)
    else:
        old = snapshot(stored, *FIELDS) | {"carers": [c.name for c in stored.carers]}
    for name in FIELDS:
        if name in parsed.fields or old is None:
            setattr(stored, name, getattr(incoming, name))
    merged = _merged_carers(stored.carers, incoming.carers)
    by_id = {c.id: c for c in stored.carers}
    for carer in merged:
        if carer.id in by_id:
            target = by_id[carer.id]
            for name in CARER_FIELDS:
                setattr(target, name, getattr(carer, name))
        else:
            stored.carers.append(carer)
    uow.session.flush()
    new = snapshot(stored, *FIELDS) | {"carers": [c.name for c in stored.carers]}
    uow.audit(
        "pupil.import",
        RecordKind.PUPIL,
        stored.id,
        old=old,
        new=new | {"file": f"{parsed.layout} line {row.line}"},
    )
