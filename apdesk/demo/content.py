"""Fictional content for `apdesk demo`: the school, its staff, providers, pupils and placements.

Everything here is invented. The town of Brackenford does not exist (nor its BK postcodes),
telephone numbers are in Ofcom's ranges kept for drama (01632 960xxx, 07700 900xxx) and
e-mail addresses use the reserved example.org domain. The stories (who is where, with which
attendance pattern and fate) are in `stories`.
"""

from __future__ import annotations

from dataclasses import dataclass

from apdesk.domain.entities import Contact, Provider, School, Site
from apdesk.domain.enums import (
    CheckKind,
    ProviderKind,
    ReportMethod,
    Role,
    SchoolType,
    SettingType,
    SiteKind,
)

TOWN = "Brackenford"
LA_CODE = 938  # any LA code the DfE list knows; the UPNs are still made up
ESTABLISHMENT = 4917


@dataclass(frozen=True)
class StaffSpec:
    username: str
    name: str
    role: Role


STAFF = (
    StaffSpec("head", "Alex Morgan", Role.HEADTEACHER),
    StaffSpec("dsl", "Sam Patel", Role.DSL),
    StaffSpec("deputy", "Jordan Reid", Role.DEPUTY_DSL),
    StaffSpec("inclusion", "Chris Okoro", Role.INCLUSION_LEAD),
    StaffSpec("attendance", "Leah Barnes", Role.ATTENDANCE_LEAD),
    StaffSpec("governor", "Pat Hughes", Role.GOVERNOR),
    StaffSpec("admin", "Robin Shaw", Role.ADMINISTRATOR),
)


def password_for(username: str) -> str:
    """The demo accounts' password: printed at the end of `apdesk demo`, never for real use."""
    return f"demo-password-{username}"


def school() -> School:
    return School(
        name="Oakfield Fictional Academy",
        address=f"Oakfield Lane\n{TOWN}\nBK3 5QT",
        urn="999901",
        local_authority=f"{TOWN} Borough Council (fictional)",
        school_type=SchoolType.ACADEMY,
        phone="01632 960000",
        email="office@oakfield-academy.example.org",
        headteacher="Alex Morgan",
        dsl="Sam Patel",
        dsl_phone="01632 960010",
        dsl_email="dsl@oakfield-academy.example.org",
        deputy_dsl="Jordan Reid",
        complaint_route=(
            "Write to the Headteacher; if you are not satisfied, to the Chair of Governors "
            "(Oakfield Fictional Academy complaints procedure, on the school website)."
        ),
    )


@dataclass(frozen=True)
class ProviderSpec:
    """A provider and how the story treats its vetting evidence."""

    name: str
    kind: ProviderKind
    slug: str
    sites: tuple[tuple[str, str, SiteKind], ...]
    contact: tuple[str, str, str]  # name, role, phone
    dsl: tuple[str, str]  # name, phone
    renewed_days_ago: int  # when the annual assurance and insurance last came in
    missing: frozenset[CheckKind] = frozenset()
    ofsted_urn: str = ""
    ukprn: str = ""
    setting_type: SettingType | None = None
    reported_how: ReportMethod = ReportMethod.EMAIL

    def provider(self) -> Provider:
        name, role, phone = self.contact
        dsl_name, dsl_phone = self.dsl
        return Provider(
            name=self.name,
            kind=self.kind,
            ofsted_urn=self.ofsted_urn,
            ukprn=self.ukprn,
            setting_type=self.setting_type,
            phone=phone,
            email=f"office@{self.slug}.example.org",
            notes="Fictional provider (demo data).",
            sites=[Site(n, a, k) for n, a, k in self.sites],
            contacts=[
                Contact(name, role, phone, f"{_mailbox(name)}@{self.slug}.example.org"),
                Contact(
                    dsl_name,
                    "Designated safeguarding lead",
                    dsl_phone,
                    f"{_mailbox(dsl_name)}@{self.slug}.example.org",
                    is_dsl=True,
                ),
            ],
            annex_b_responsible="Sam Patel (DSL)",
        )


def _mailbox(name: str) -> str:
    first, *_, last = name.lower().split()
    return f"{first[0]}.{last}"


def _address(*lines: str) -> str:
    return "\n".join(lines)


PROVIDERS = (
    ProviderSpec(
        "Riverside Skills Centre",
        ProviderKind.OFSTED_REGISTERED_AP,
        "riverside-skills",
        (
            ("Main centre", _address("14 Wharf Street", TOWN, "BK2 7LD"), SiteKind.MAIN),
            (
                "Hill Top Farm classroom",
                _address("Moor Lane", f"Upper {TOWN}", "BK9 3HN"),
                SiteKind.SATELLITE,
            ),
        ),
        ("Priya Okafor", "Centre manager", "01632 960101"),
        ("Daniel Whitlow", "01632 960102"),
        renewed_days_ago=120,
        ofsted_urn="2990411",
        reported_how=ReportMethod.PORTAL,
    ),
    ProviderSpec(
        "Hollin Bank Pupil Referral Unit",
        ProviderKind.LA_PRU_OR_AP_ACADEMY,
        "hollin-bank",
        (("Hollin Bank", _address("3 Hollin Bank Road", TOWN, "BK4 1RS"), SiteKind.MAIN),),
        ("Marcus Ellery", "Head of centre", "01632 960201"),
        ("Ruth Adeyemi", "01632 960202"),
        renewed_days_ago=200,
        ofsted_urn="990412",
    ),
    ProviderSpec(
        f"{TOWN} College",
        ProviderKind.FE_COLLEGE,
        "brackenford-college",
        (
            (
                "Station Approach campus",
                _address("Station Approach", TOWN, "BK1 2AA"),
                SiteKind.MAIN,
            ),
            (
                "Fenside motor vehicle workshop",
                _address("Unit 6, Fenside Trading Estate", TOWN, "BK6 8PW"),
                SiteKind.SUBCONTRACTED,
            ),
        ),
        ("Helen Garside", "14-16 coordinator", "01632 960301"),
        ("Tom Achterberg", "01632 960302"),
        renewed_days_ago=60,
        ukprn="10099991",
        reported_how=ReportMethod.PORTAL,
    ),
    ProviderSpec(
        "Greenway Independent School",
        ProviderKind.REGISTERED_INDEPENDENT_SCHOOL,
        "greenway",
        (
            (
                "Greenway House",
                _address("Greenway House, Old Mill Road", TOWN, "BK5 2JE"),
                SiteKind.MAIN,
            ),
        ),
        ("Fiona Balogun", "Deputy head", "01632 960401"),
        ("Owen Prescott", "01632 960402"),
        renewed_days_ago=345,
        ofsted_urn="990414",
        reported_how=ReportMethod.PHONE,
    ),
    ProviderSpec(
        "Kestrel Outdoor Learning",
        ProviderKind.OFSTED_REGISTERED_AP,
        "kestrel-outdoor",
        (("Kestrel Lodge", _address("Kestrel Lodge, Fell Road", TOWN, "BK8 4TU"), SiteKind.MAIN),),
        ("Gareth Nolan", "Programme lead", "01632 960501"),
        ("Ana Sousa", "01632 960502"),
        renewed_days_ago=380,
        ofsted_urn="2990415",
        reported_how=ReportMethod.PHONE,
    ),
    ProviderSpec(
        "Fernlea Tuition and Mentoring",
        ProviderKind.UNREGISTERED,
        "fernlea-tuition",
        (
            (
                "Fernlea Community Rooms",
                _address("The Old Library, 2 Fernlea Row", TOWN, "BK7 1DG"),
                SiteKind.MAIN,
            ),
        ),
        ("Imogen Tate", "Director", "01632 960601"),
        ("Imogen Tate", "01632 960601"),
        renewed_days_ago=30,
        setting_type=SettingType.OTH,
        missing=frozenset(
            {CheckKind.SAFER_RECRUITMENT, CheckKind.INSURANCE, CheckKind.PREMISES_FIRE}
        ),
    ),
)

# Earlier years' pupils get names from these (all invented combinations).
FIRST_NAMES = (
    "Aaliyah", "Alfie", "Amara", "Archie", "Bethany", "Caleb", "Darcey", "Declan", "Ebony",
    "Finley", "Freya", "Harvey", "Isla", "Jacob", "Kacey", "Kian", "Leon", "Lexi", "Macy",
    "Mason", "Nadia", "Owen", "Poppy", "Rhys", "Sienna", "Taylor", "Tegan", "Zac",
)  # fmt: skip
SURNAMES = (
    "Ashdown", "Bramblecote", "Carrowmore", "Dunnock", "Elmsworth", "Fallowfield", "Gorsey",
    "Hazelby", "Inglenook", "Juniper", "Kittering", "Larchmont", "Mossgrove", "Nettleby",
    "Oakhurst", "Pebworth", "Quarrendon", "Rushwick", "Sedgecombe", "Tansley", "Underhill",
    "Wrenfield", "Yarrowby",
)  # fmt: skip
