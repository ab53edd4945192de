"""Communication with a pupil's parents or carers about a placement (§10, Annex B §5):
letters and notices sent, contacts, progress updates, and the parents' feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apdesk.domain.enums import FeedbackAnswer, FeedbackStage, ParentContactKind, SentBy


@dataclass
class ParentContact:
    """One letter, notice or update sent, or one call, meeting or message.

    A letter or notice APDesk printed is kept from the day it was printed (`printed_on`)
    with no `on` date until someone records that it was sent, how and to whom."""

    placement_id: int | None
    kind: ParentContactKind
    on: date | None = None  # the day it was sent, or the contact took place
    sent_by: SentBy | None = None  # letters, notices, updates and forms: how they went
    with_whom: str = ""  # the parent or carer written to or spoken with
    summary: str = ""
    printed_on: date | None = None  # the day APDesk printed it, for letters and notices
    recorded_by: int | None = None
    id: int | None = None

    @property
    def is_sent(self) -> bool:
        return self.on is not None


@dataclass
class ParentFeedback:
    """A parent's answers to the feedback form (Annex B 5.2), during the placement or after
    it ended. An answer left blank on the form is None."""

    placement_id: int | None
    received_on: date
    from_whom: str
    stage: FeedbackStage = FeedbackStage.DURING
    safe_and_happy: FeedbackAnswer | None = None
    kept_informed: FeedbackAnswer | None = None
    helping: FeedbackAnswer | None = None
    know_who_to_contact: FeedbackAnswer | None = None
    comments: str = ""
    recorded_by: int | None = None
    id: int | None = None
