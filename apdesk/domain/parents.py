"""Rules for communication with parents and carers about a placement (§10, Annex B §5).

§10 asks the school to give parents written information about the placement, keep in
regular contact, update them on progress and involve them; Annex B 5.2 asks for their
feedback during the placement and after it. So a placement keeps:

- letters, notices, progress updates and feedback forms *sent*: the day, how (post, by hand,
  email) and to whom. A letter or notice APDesk printed is kept from the day it was printed
  as "not yet sent" until someone records how it went; one still unsent
  `UNSENT_SCHOOL_DAYS` school days after printing is raised on Today;
- contacts (a call, a meeting, a message) with whom and a short summary;
- parents' feedback: the four statements of the paper form (`QUESTIONS`), each answered
  yes / partly / no / not sure, and comments, given during the placement or after it ended.

Nothing is dated in the future. A weekend date is allowed: parents are called and met
when they can be.
"""

from __future__ import annotations

from datetime import date

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import ParentContact, ParentFeedback, Placement
from apdesk.domain.enums import FeedbackStage, ParentContactKind, SentBy
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label

SUMMARY_MAX = 2_000  # a contact's summary: a few sentences, not a case note
COMMENTS_MAX = 4_000  # a parent's comments, as long as the form's box and a second page
UNSENT_SCHOOL_DAYS = 3
#: Kinds that are sent (and so have a how and a to whom); the rest are contacts.
SENT_KINDS = frozenset(
    {
        ParentContactKind.LETTER,
        ParentContactKind.DIRECTION_NOTICE,
        ParentContactKind.PROGRESS_UPDATE,
        ParentContactKind.FEEDBACK_REQUEST,
    }
)
#: Kinds APDesk prints, and so may hold as printed but not yet sent.
PRINTED_KINDS = frozenset({ParentContactKind.LETTER, ParentContactKind.DIRECTION_NOTICE})
SENT_BY_WORDS = {SentBy.POST: "by post", SentBy.BY_HAND: "by hand", SentBy.EMAIL: "by email"}
#: The feedback form's statements, in order: (field of ParentFeedback, the words printed).
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("safe_and_happy", "My child is safe and happy at the placement."),
    ("kept_informed", "I am kept informed about my child's attendance, progress and welfare."),
    ("helping", "The placement is helping my child."),
    ("know_who_to_contact", "I know who to contact at the school if I am worried or unhappy."),
)


def is_sent_kind(kind: ParentContactKind) -> bool:
    return kind in SENT_KINDS


def contact_problems(contact: ParentContact, today: date) -> list[str]:
    """Everything wrong with the letter, notice or contact as it would be saved."""
    problems = []
    sent = is_sent_kind(contact.kind)
    if contact.on is None:
        if not (contact.kind in PRINTED_KINDS and contact.printed_on is not None):
            problems.append(
                "Enter the date it was sent." if sent else "Enter the date of the contact."
            )
    elif contact.on > today:
        problems.append(
            f"The date ({format_date(contact.on)}) is in the future: record it once it has "
            "happened."
        )
    elif contact.printed_on is not None and contact.on < contact.printed_on:
        problems.append(
            f"It cannot have been sent ({format_date(contact.on)}) before it was printed "
            f"({format_date(contact.printed_on)})."
        )
    if contact.on is not None and not contact.with_whom.strip():
        problems.append(
            "Enter the parent or carer it went to." if sent else "Enter who the contact was with."
        )
    if sent and contact.on is not None and contact.sent_by is None:
        problems.append("Choose how it was sent: post, by hand or email.")
    if not sent:
        if contact.sent_by is not None:
            problems.append(f"A {label(contact.kind).lower()} is not sent: clear how it was sent.")
        if not contact.summary.strip():
            problems.append("Write a short summary of the contact.")
    return problems


def feedback_problems(feedback: ParentFeedback, today: date, placement: Placement) -> list[str]:
    """Everything wrong with a parent's feedback as it would be saved."""
    problems = []
    if not feedback.from_whom.strip():
        problems.append("Enter who gave the feedback.")
    day = feedback.received_on
    ended = placement.ended_on  # set only when it ends or is terminated
    if day > today:
        problems.append(
            f"The date ({format_date(day)}) is in the future: record the feedback once it "
            "has been given."
        )
    elif day < placement.start_date:
        problems.append(
            f"The feedback is dated {format_date(day)}, before the placement started on "
            f"{format_date(placement.start_date)}."
        )
    if feedback.stage is FeedbackStage.AFTER:
        if ended is None:
            problems.append(
                "The placement has not ended: record this as feedback during the placement."
            )
        elif day < ended:
            problems.append(
                f"The placement ended on {format_date(ended)}: feedback from before then is "
                "feedback during the placement."
            )
    elif ended is not None and day > ended:
        problems.append(
            f"The placement ended on {format_date(ended)}: feedback given after that is "
            "feedback after the placement."
        )
    answered = [name for name, _ in QUESTIONS if getattr(feedback, name) is not None]
    if not answered and not feedback.comments.strip():
        problems.append("Record at least one of the parent's answers, or their comments.")
    return problems


def unsent_since(contact: ParentContact, today: date, calendar: SchoolCalendar) -> date | None:
    """The last day a printed letter or notice should have been recorded as sent, when that
    day has passed and it still is not; else None."""
    if contact.is_sent or contact.printed_on is None:
        return None
    due = calendar.add_school_days(contact.printed_on, UNSENT_SCHOOL_DAYS)
    return due if today > due else None


def contact_text(contact: ParentContact) -> str:
    """The contact in a line: "Placement letter sent by post to Ms Jones on 2 Mar 2026"."""
    what = label(contact.kind)
    who = contact.with_whom.strip()
    if contact.on is None:
        printed = f" printed {format_date(contact.printed_on)}," if contact.printed_on else ""
        return f"{what}{printed} not yet recorded as sent"
    if is_sent_kind(contact.kind):
        how = f" {SENT_BY_WORDS[contact.sent_by]}" if contact.sent_by else ""
        what = what.removesuffix(" sent")  # "Feedback form sent" is the kind's own name
        return f"{what} sent{how} to {who} on {format_date(contact.on)}"
    return f"{what} with {who} on {format_date(contact.on)}"
