"""The pupil record's Multi-agency page: social worker, virtual school head and PEP, CP
conference, CIN and CLA review dates (DSL, deputy DSL and Headteacher), and EHCP details
(those and the inclusion lead). What is overdue shows in red at the top.

The page belongs to `PupilEditor`: its Save pupil button saves this page too, and leaving the
record with changes here asks first, as for the pupil's own fields.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from apdesk.domain import multi_agency as rules
from apdesk.domain.entities import EhcpDetails, Pupil, SocialCare
from apdesk.domain.permissions import Permission
from apdesk.services import multi_agency as service
from apdesk.ui.context import UiContext
from apdesk.ui.forms import DateEdit, dates_ok, section
from apdesk.ui.unsaved import ChangeTracker, Done
from apdesk.ui.widgets import line_edit, note_label, problem_label, say

SOCIAL_TEXT = (
    ("social_worker", "Social &worker", "name"),
    ("social_worker_team", "&Team and LA", "team and local authority"),
    ("social_worker_contact", "Social worker c&ontact", "phone or email"),
    ("virtual_school_head", "&Virtual school head", "for a looked-after child"),
    ("virtual_school_contact", "VSH conta&ct", "phone or email"),
)
EHCP_TEXT = (
    ("local_authority", "EHCP &local authority", "the LA that maintains the plan"),
    ("caseworker", "Case&worker", "name"),
    ("caseworker_contact", "Caseworker contact", "phone or email"),
)


class MultiAgencyPage(QWidget):
    """The fields of the two records the signed-in person may see."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.pupil: Pupil | None = None
        self.social_care: SocialCare | None = None
        self.ehcp: EhcpDetails | None = None
        self.sees_social_care = ctx.may(Permission.MANAGE_SOCIAL_CARE)
        self.sees_ehcp = ctx.may(Permission.MANAGE_EHCP)
        self.texts: dict[str, QLineEdit] = {}
        self.dates: dict[str, DateEdit] = {}
        layout = QVBoxLayout(self)
        self.warnings = problem_label()
        self.warnings.setAccessibleName("Multi-agency warnings")
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        if self.sees_social_care:
            layout.addWidget(self._social_care_box())
        if self.sees_ehcp:
            layout.addWidget(self._ehcp_box())
        layout.addStretch(1)
        self.tracker = ChangeTracker([self])

    @property
    def shown(self) -> bool:
        return self.sees_social_care or self.sees_ehcp

    def _social_care_box(self) -> QWidget:
        box, form = section("Social care (DSL and Headteacher only)")
        for name, text, hint in SOCIAL_TEXT:
            self.texts[name] = line_edit(text.replace("&", ""), hint)
            form.addRow(text, self.texts[name])
        form.addRow(
            note_label(
                "Last meeting held and next one planned. PEPs are termly (the next within "
                "6 months); CP conferences, CIN and CLA reviews at least every 6 months."
            )
        )
        form.addRow(self._meetings(rules.SOCIAL_CARE_MEETINGS))
        return box

    def _ehcp_box(self) -> QWidget:
        box, form = section("EHCP")
        for name, text, hint in EHCP_TEXT:
            self.texts[name] = line_edit(text.replace("&", ""), hint)
            form.addRow(text, self.texts[name])
        form.addRow(self._meetings((rules.ANNUAL_REVIEW,)))
        return box

    def _meetings(self, meetings: tuple[rules.Meeting, ...]) -> QWidget:
        """One row per meeting: its name, the last held and the next due (two date fields)."""
        table = QWidget()
        grid = QGridLayout(table)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Last held"), 0, 1)
        grid.addWidget(QLabel("Next due"), 0, 2)
        for row, meeting in enumerate(meetings, start=1):
            title = QLabel(_title(meeting))
            title.setWordWrap(True)
            grid.addWidget(title, row, 0)
            for column, when in enumerate(("last", "next"), start=1):
                field = DateEdit(f"{when.capitalize()} {meeting.name}", optional=True)
                self.dates[f"{when}_{meeting.key}_on"] = field
                grid.addWidget(field, row, column)
        grid.setColumnStretch(0, 1)
        return table

    def show_for(self, pupil: Pupil) -> None:
        """Blank for a new pupil; otherwise load what the person may see of this one."""
        self.pupil, self.social_care, self.ehcp = pupil, None, None
        for edit in self.texts.values():
            edit.clear()
        for field in self.dates.values():
            field.set_value(None)
        say(self.warnings, "")
        self.tracker.settle()
        if pupil.id is None or not self.shown:
            return
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, pupil.id

        def load() -> tuple[SocialCare | None, EhcpDetails | None]:
            social = (
                service.get_social_care(svc, actor, pupil_id) if self.sees_social_care else None
            )
            ehcp = service.get_ehcp(svc, actor, pupil_id) if self.sees_ehcp else None
            return social, ehcp

        self.ctx.run(load, self._fill, parent=self)

    def _fill(self, records: tuple[SocialCare | None, EhcpDetails | None]) -> None:
        self.social_care, self.ehcp = records
        for record in records:
            if record is None:
                continue
            for name, edit in self.texts.items():
                if hasattr(record, name):
                    edit.setText(getattr(record, name))
            for name, field in self.dates.items():
                if hasattr(record, name):
                    field.set_value(getattr(record, name))
        self._warn()
        self.tracker.settle()

    def _warn(self) -> None:
        pupil, today = self.pupil, self.ctx.clock.today()
        if pupil is None:
            return
        items = []
        if self.sees_social_care:
            items += rules.social_care_items(pupil, self.social_care, today)
        if self.sees_ehcp:
            items += rules.ehcp_items(pupil, self.ehcp, today)
        say(self.warnings, "\n".join(i.text for i in items))

    def has_changes(self) -> bool:
        return self.pupil is not None and self.pupil.id is not None and self.tracker.changed()

    def _records(self) -> tuple[SocialCare | None, EhcpDetails | None]:
        assert self.pupil is not None
        social = SocialCare(self.pupil.id) if self.sees_social_care else None
        ehcp = EhcpDetails(self.pupil.id) if self.sees_ehcp else None
        for record in (social, ehcp):
            if record is None:
                continue
            for name, edit in self.texts.items():
                if hasattr(record, name):
                    setattr(record, name, edit.text().strip())
            for name, field in self.dates.items():
                if hasattr(record, name):
                    setattr(record, name, field.value())
        return social, ehcp

    def save(self, done: Done | None = None) -> None:
        """Save both records (those the person may see), then say whether it worked."""
        if not self.has_changes() or not dates_ok(self):
            if done is not None:
                done(not self.has_changes())
            return
        social, ehcp = self._records()
        svc, actor = self.ctx.services, self.ctx.actor

        def store() -> tuple[SocialCare | None, EhcpDetails | None]:
            return (
                service.save_social_care(svc, actor, social) if social is not None else None,
                service.save_ehcp(svc, actor, ehcp) if ehcp is not None else None,
            )

        def stored(records: tuple[SocialCare | None, EhcpDetails | None]) -> None:
            self._fill(records)
            if done is not None:
                done(True)

        self.ctx.run(store, stored, parent=self, label="Saving…", on_failed=_failed(done))

    def then_save(self, done: Done | None) -> Done:
        """A `done` for the pupil's own save that goes on to save this page when that worked."""

        def next_step(ok: bool) -> None:
            if ok:
                self.save(done)
            elif done is not None:
                done(False)

        return next_step


def _failed(done: Done | None) -> Callable[[BaseException], None]:
    def failed(_exc: BaseException) -> None:
        if done is not None:
            done(False)

    return failed


def _title(meeting: rules.Meeting) -> str:
    return meeting.name[:1].upper() + meeting.name[1:]
