"""Sending a pupil's child-protection file to their next school (the DSL only): one
AES-256 encrypted PDF, the code that opens it shown once and never kept, where and when it
went, the receipt when confirmed, and Today's chase when none comes in five school days."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row

from apdesk.domain import cp_transfer as rules
from apdesk.domain.cp_transfer import CpTransfer
from apdesk.domain.entities import Pupil
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import LINE_MAX, check_text
from apdesk.services import pupil_file
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch
from apdesk.services.school import find_school, school_calendar
from apdesk.storage import tables as t


@dataclass(frozen=True)
class TransferPack:
    """What the DSL gets back once: the encrypted PDF and the code to read out by phone."""

    pdf: bytes
    code: str
    transfer: CpTransfer


@dataclass(frozen=True)
class TransferRow:
    transfer: CpTransfer
    pupil: str
    receipt_due: date
    chase: bool  # five school days gone and no receipt


def _transfer(row: Row[tuple[object, ...]]) -> CpTransfer:
    m = row._mapping
    return CpTransfer(
        m["pupil_id"], m["receiving_school"], m["receiving_dsl"], m["sent_on"],
        m["receiving_urn"], m["pack_sha256"], m["receipt_on"], m["receipt_from"], m["id"],
    )  # fmt: skip


def make_pack(
    svc: AppServices,
    actor: Actor,
    pupil_id: int,
    receiving_school: str,
    receiving_dsl: str,
    receiving_urn: str = "",
) -> TransferPack:
    """Make the encrypted pack, dated today, and record that it went (one audit row)."""
    for text, what in ((receiving_school, "school"), (receiving_dsl, "DSL's name")):
        check_text(text, f"The receiving {what}", LINE_MAX)
    with svc.work(actor, Permission.TRANSFER_CP_FILE) as uow:
        today = uow.now.date()
        transfer = CpTransfer(
            pupil_id, receiving_school.strip(), receiving_dsl.strip(), today, receiving_urn.strip()
        )
        earlier = [
            _transfer(r)
            for r in uow.session.execute(
                select(t.cp_transfer).where(t.cp_transfer.c.pupil_id == pupil_id)
            )
        ]
        rules.check_transfer(transfer, today, earlier)
        school = find_school(uow.session)
        if school is None:
            raise InvalidInput("Enter the school's details first: they head every document.")
        file = pupil_file.gather(uow.session, svc, pupil_id, everything=False)
        receiving = transfer.receiving_school + (
            f" (URN {transfer.receiving_urn})" if transfer.receiving_urn else ""
        )
        from apdesk.documents.pupil_file import encrypt_pdf, render_transfer_pack  # PDFs: slow

        plain = render_transfer_pack(
            file,
            school,
            today,
            f"{actor.display_name}, {actor.role_names}",
            f"{receiving}, for {transfer.receiving_dsl} (DSL)",
        )
        code = rules.transfer_code()
        pdf = encrypt_pdf(plain, code)
        digest = hashlib.sha256(pdf).hexdigest()
        new_id: int = uow.session.execute(
            insert(t.cp_transfer)
            .values(
                pupil_id=pupil_id,
                receiving_school=transfer.receiving_school,
                receiving_urn=transfer.receiving_urn,
                receiving_dsl=transfer.receiving_dsl,
                sent_on=today,
                made_at=uow.now,
                made_by=actor.staff_id,
                pack_sha256=digest,
            )
            .returning(t.cp_transfer.c.id)
        ).scalar_one()
        uow.audit(
            "cp_transfer.sent",
            RecordKind.PUPIL,
            pupil_id,
            new={
                "transfer": new_id,
                "receiving_school": transfer.receiving_school,
                "receiving_urn": transfer.receiving_urn,
                "receiving_dsl": transfer.receiving_dsl,
                "sent_on": today.isoformat(),
                "pack_sha256": digest,
                "incidents": len(file.incidents),
                "entries": len(file.chronology),
            },
        )
    return TransferPack(pdf, code, CpTransfer(
        pupil_id, transfer.receiving_school, transfer.receiving_dsl, today,
        transfer.receiving_urn, digest, id=new_id,
    ))  # fmt: skip


def record_receipt(
    svc: AppServices, actor: Actor, transfer_id: int, received_on: date, received_from: str
) -> CpTransfer:
    """The receiving school confirmed the file arrived: when, and who said so."""
    check_text(received_from, "Who confirmed the receipt", LINE_MAX)
    with svc.work(actor, Permission.TRANSFER_CP_FILE) as uow:
        row = uow.session.execute(
            select(t.cp_transfer).where(t.cp_transfer.c.id == transfer_id)
        ).first()
        if row is None:
            raise InvalidInput("That transfer could not be found. It may have been removed.")
        transfer = _transfer(row)
        rules.check_receipt(transfer, received_on, uow.now.date(), received_from)
        uow.session.execute(
            update(t.cp_transfer)
            .where(t.cp_transfer.c.id == transfer_id)
            .values(
                receipt_on=received_on,
                receipt_from=received_from.strip(),
                receipt_recorded_by=actor.staff_id,
            )
        )
        uow.audit(
            "cp_transfer.receipt",
            RecordKind.PUPIL,
            transfer.pupil_id,
            new={
                "transfer": transfer_id,
                "receipt_on": received_on.isoformat(),
                "receipt_from": received_from.strip(),
            },
        )
    return CpTransfer(
        transfer.pupil_id, transfer.receiving_school, transfer.receiving_dsl, transfer.sent_on,
        transfer.receiving_urn, transfer.pack_sha256, received_on, received_from.strip(),
        transfer.id,
    )  # fmt: skip


def list_transfers(
    svc: AppServices, actor: Actor, pupil_id: int | None = None
) -> list[TransferRow]:
    """Every pack sent (or one pupil's), newest first, with the day its receipt is due."""
    with svc.read(actor, Permission.TRANSFER_CP_FILE) as session:
        calendar = school_calendar(session)
        today = svc.clock.today()
        query = select(t.cp_transfer).order_by(t.cp_transfer.c.sent_on.desc(), t.cp_transfer.c.id)
        if pupil_id is not None:
            query = query.where(t.cp_transfer.c.pupil_id == pupil_id)
        rows = []
        for row in session.execute(query):
            transfer = _transfer(row)
            pupil = fetch(session, Pupil, transfer.pupil_id, "pupil")
            rows.append(
                TransferRow(
                    transfer,
                    pupil.display_name,
                    rules.receipt_due(calendar, transfer.sent_on),
                    rules.receipt_missing(calendar, transfer, today),
                )
            )
        return rows


def describe(row: TransferRow) -> str:
    t_ = row.transfer
    if t_.receipt_on:
        receipt = f"received {format_date(t_.receipt_on)} (confirmed by {t_.receipt_from})"
    else:
        receipt = f"no receipt yet (due by {format_date(row.receipt_due)})"
    return (
        f"#{t_.id} {row.pupil} to {t_.receiving_school} for {t_.receiving_dsl}, sent "
        f"{format_date(t_.sent_on)}: {receipt}"
    )
