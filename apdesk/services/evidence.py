"""Evidence files kept inside the encrypted store, for a vetting check or for an incident.

PDFs, pictures, Word and Excel files, OpenDocument text, e-mails (.msg, .eml), text and CSV
are kept; what a file is comes from its content as well as its name
(`domain.evidence_types`), so a renamed program or a macro document is refused. Files are
handed back as bytes for the window to show, open or save; the store keeps them encrypted.
Each file belongs to one owner row, and every call is checked against the owner's own
permissions (an incident's files are safeguarding records).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import CursorResult, delete, insert, select

from apdesk.domain.errors import InvalidInput
from apdesk.domain.evidence_types import media_type_of
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage.tables import evidence_file

MAX_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Owner:
    """Which rows own evidence (the column naming them) and who may read or add it."""

    column: str
    entity: RecordKind
    view: Permission
    edit: Permission


CHECK = Owner(
    "vetting_check_id",
    RecordKind.VETTING_CHECK,
    Permission.VIEW_PROVIDERS,
    Permission.VET_PROVIDERS,
)
INCIDENT = Owner(
    "incident_id", RecordKind.INCIDENT, Permission.VIEW_INCIDENTS, Permission.EDIT_INCIDENTS
)


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    filename: str
    media_type: str
    size: int


def add(
    svc: AppServices,
    actor: Actor,
    owner: Owner,
    owner_id: int,
    filename: str,
    data: bytes,
) -> int:
    if not data:
        raise InvalidInput(f"{filename} is empty.")
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{filename} is larger than 25 MB; scan it at a lower resolution.")
    media_type = media_type_of(filename, data)
    with svc.work(actor, owner.edit) as uow:
        values = {
            owner.column: owner_id,
            "filename": filename,
            "media_type": media_type,
            "data": data,
            "added_at": uow.now,
            "added_by": actor.staff_id or None,
        }
        result = uow.session.execute(insert(evidence_file).values(**values))
        # A Core INSERT always gives a CursorResult with the new row's key.
        key = result.inserted_primary_key if isinstance(result, CursorResult) else None
        if key is None:
            raise TypeError("The INSERT of an evidence file gave back no primary key.")
        uow.audit(
            "evidence.add", owner.entity, owner_id, new={"filename": filename, "bytes": len(data)}
        )
        return int(key[0])


def listed(svc: AppServices, actor: Actor, owner: Owner, owner_id: int) -> list[EvidenceInfo]:
    c = evidence_file.c
    with svc.read(actor, owner.view) as session:
        rows = session.execute(
            select(c.id, c.filename, c.media_type, c.data)
            .where(c[owner.column] == owner_id)
            .order_by(c.id)
        )
        return [EvidenceInfo(r.id, r.filename, r.media_type, len(r.data)) for r in rows]


def get(
    svc: AppServices, actor: Actor, owner: Owner, evidence_id: int
) -> tuple[EvidenceInfo, bytes]:
    c = evidence_file.c
    with svc.read(actor, owner.view) as session:
        row = session.execute(
            select(evidence_file).where(c.id == evidence_id, c[owner.column].is_not(None))
        ).first()
        if row is None:
            raise InvalidInput("That evidence file could not be found.")
        return EvidenceInfo(row.id, row.filename, row.media_type, len(row.data)), bytes(row.data)


def remove(svc: AppServices, actor: Actor, owner: Owner, evidence_id: int, reason: str) -> None:
    c = evidence_file.c
    with svc.work(actor, owner.edit) as uow:
        gone = uow.session.execute(
            delete(evidence_file).where(c.id == evidence_id, c[owner.column].is_not(None))
        )
        if not isinstance(gone, CursorResult) or gone.rowcount != 1:
            raise InvalidInput("That evidence file could not be found.")
        uow.audit("evidence.remove", RecordKind.EVIDENCE_FILE, evidence_id, reason=reason)
