"""An export written to memory and read back, as a spreadsheet or a script would read it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.exports import Written, write_csv


@dataclass(frozen=True)
class Exported:
    text: str
    written: Written

    @property
    def header(self) -> list[str]:
        return next(csv.reader(io.StringIO(self.text)))

    @property
    def rows(self) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.text)))[1:]

    @property
    def dicts(self) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.text)))

    @property
    def notes(self) -> tuple[str, ...]:
        return self.written.notes


def exported(svc: AppServices, actor: Actor, kind: str) -> Exported:
    out = io.StringIO(newline="")
    written = write_csv(svc, actor, kind, out)
    return Exported(out.getvalue(), written)
