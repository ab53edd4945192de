"""The fixed wording of letters and notices, kept as data: a sentence for each placement
reason, and the legal basis an off-site direction notice gives for each type of school.

The law, as far as this program states it (checked against the DfE's guidance
"Suspension and permanent exclusion from maintained schools, academies and pupil referral
units in England, including pupil movement" and "Alternative provision: statutory
guidance"): section 29A of the Education Act 2002 lets the governing body of a
*maintained* school require a pupil to attend provision off site to improve behaviour,
and the Education (Educational Provision for Improving Behaviour) Regulations 2010 (as
amended in 2012) set how: written notice at least two school days before the first day,
reviews, and a review meeting when parents ask. Neither applies to academies, free
schools included (a free school is an academy in law): they arrange off-site provision
under their articles of association and funding agreement and are expected to follow
the same steps. A notice never cites a statute the school may not fall under, so a
school whose type is not recorded gets wording that names no power.
"""

from __future__ import annotations

from dataclasses import dataclass

from apdesk.domain.enums import PlacementReason, SchoolType

__all__ = ["LEGAL_BASIS", "NoticeBasis", "basis_for", "reason_sentence", "sentence"]

_ENDINGS = ".!?"
_CLOSERS = "\"')]\u201d\u2019"


def sentence(text: str) -> str:
    """`text` as a finished sentence: stripped, with a full stop unless it already ends in
    one (or in ! or ?, also before a closing quote or bracket). Empty stays empty."""
    text = " ".join(text.split())
    if not text:
        return ""
    core = text.rstrip(_CLOSERS)
    return text if core.endswith(tuple(_ENDINGS)) else text + "."


#: What a parent's letter says first about why, by reason ({first}: the pupil's first name).
#: "Other" says nothing of its own: the reason typed on the placement says it.
REASON_SENTENCES: dict[PlacementReason, str] = {
    PlacementReason.EXCLUSION: "This placement is arranged for {first} following an exclusion.",
    PlacementReason.ILLNESS_LA: (
        "This placement is arranged with the local authority because {first}'s health means "
        "{first} cannot attend school as usual for now."
    ),
    PlacementReason.OFFSITE_DIRECTION: (
        "The school is directing {first} to this provision to improve behaviour."
    ),
    PlacementReason.OTHER: "",
}


def reason_sentence(reason: PlacementReason, note: str, first: str) -> str:
    """The reason's own sentence and the note typed on the placement, each one sentence."""
    parts = (REASON_SENTENCES[reason].format(first=first), sentence(note))
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class NoticeBasis:
    """The legal wording of an off-site direction notice for one type of school."""

    #: Follows "This is written notice that the school requires X to attend ... behaviour."
    power: str
    #: How parents ask for a review meeting, and what the school then does.
    review_request: str
    #: What the school's own warnings about late notice call the rule.
    rule: str


_REGULATIONS = "the Education (Educational Provision for Improving Behaviour) Regulations 2010"
_GUIDANCE = (
    'the Department for Education\'s guidance "Alternative provision" and "Suspension and '
    'permanent exclusion"'
)
_ACADEMY_POWER = (
    "The academy trust makes this arrangement under its articles of association and funding "
    f"agreement, and follows {_GUIDANCE}. Section 29A of the Education Act 2002 and "
    f"{_REGULATIONS} apply to maintained schools; the school follows the same steps: written "
    "notice at least two school days before the first day, and regular reviews."
)
_ASK = "You may ask for a review meeting at any time by writing to the school."

LEGAL_BASIS: dict[SchoolType | None, NoticeBasis] = {
    SchoolType.MAINTAINED: NoticeBasis(
        power=(
            "The governing body gives this notice under section 29A of the Education Act 2002 "
            f"and {_REGULATIONS}."
        ),
        review_request=(
            f"{_ASK} The regulations require the governing body to hold one as soon as "
            "reasonably practicable, unless a review meeting took place in the previous "
            "10 weeks."
        ),
        rule="The regulations require written notice at least two school days before",
    ),
    SchoolType.ACADEMY: NoticeBasis(
        power=_ACADEMY_POWER,
        review_request=(
            f"{_ASK} We will hold one as soon as we reasonably can, unless a review meeting "
            "took place in the previous 10 weeks."
        ),
        rule="Written notice must reach parents at least two school days before",
    ),
    SchoolType.FREE_SCHOOL: NoticeBasis(
        power="A free school is an academy in law. " + _ACADEMY_POWER,
        review_request=(
            f"{_ASK} We will hold one as soon as we reasonably can, unless a review meeting "
            "took place in the previous 10 weeks."
        ),
        rule="Written notice must reach parents at least two school days before",
    ),
    None: NoticeBasis(
        power=(
            f"The school follows {_GUIDANCE}: written notice at least two school days before "
            "the first day, and regular reviews."
        ),
        review_request=(
            f"{_ASK} We will hold one as soon as we reasonably can, unless a review meeting "
            "took place in the previous 10 weeks."
        ),
        rule="Written notice must reach parents at least two school days before",
    ),
}


def basis_for(school_type: SchoolType | None) -> NoticeBasis:
    return LEGAL_BASIS[school_type]
