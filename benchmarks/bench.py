"""`make bench`: APDesk's figures beside their floors, on the realistic stores (realistic.py).

Each figure is timed against a floor that does the least the same answer needs (argparse
alone, the same rows by bare SQL, a bare ReportLab table of the same rows), interleaved
(APDesk, floor, APDesk, floor, ...) and repeated, so a busy shared machine slows both
alike; the table gives the median and spread (min to max) of each and their ratio.
Peak memory is the window's with every tab loaded, beside a bare window, each in a child
process of its own (bench_memory.py also gives each export's and the register's).

    .venv/bin/python benchmarks/bench.py [--years 10] [--per-year 40] [--copies 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from realistic import NOW, built_store, open_services

HERE = Path(__file__).resolve().parent
PY = sys.executable
Step = Callable[[], object]

#: Today's floor: the rows its lines read, each by one bare query (the open placements with
#: their pupil and provider, the last fortnight's marks, the open placements' reviews, the
#: DSL's open actions, the providers' checks, the open incidents and parent contacts).
BARE_TODAY = [
    """SELECT p.id, pu.legal_first_name, pu.legal_last_name, pr.name, p.start_date,
       p.planned_end_date, p.ended_on, p.status, p.weekly_pattern, p.risk_level
    FROM placement p JOIN pupil pu ON pu.id = p.pupil_id JOIN provider pr ON pr.id = p.provider_id
    WHERE p.status IN ('active', 'authorised', 'proposed')""",
    """SELECT pupil_id, placement_id, date, session, code, provider_reported_code
    FROM attendance_mark WHERE date >= '2026-11-14' AND date <= '2026-11-28'""",
    """SELECT r.placement_id, r.id, r.kind, r.held_on, r.next_review_on FROM review r
    JOIN placement p ON p.id = r.placement_id WHERE p.status IN ('active', 'authorised')""",
    """SELECT a.id, a.title, a.due_on, a.pupil_id, a.placement_id, a.provider_id FROM action a
    JOIN staff s ON s.id = a.owner_id WHERE s.username = 'dsl' AND a.status = 'open'""",
    "SELECT provider_id, site_id, kind, received_on, expires_on FROM vetting_check",
    "SELECT id, occurred_at, category, status FROM incident WHERE closed_on IS NULL",
    'SELECT id, placement_id, kind, "on", printed_on FROM parent_contact',
]
#: The whole risk register's first floor (4 Dec 2026 and before): every placement's marks
#: counted and their present sessions, by placement. Too thin: it has no weeks (the falling
#: rule compares the last weeks' rates, and an unmarked session is found a week at a time
#: from which sessions were coded), no tallies but present, no names and no calendar.
BARE_ATTENDANCE_TOTALS = """
SELECT placement_id, count(*), sum(coalesce(code, provider_reported_code) IN ('B', 'K', 'L'))
FROM attendance_mark GROUP BY placement_id
"""
#: The Attendance tab's first floor, as thin: this school year's placements' marks counted by
#: placement, the register's week (its placements with names, their marks that week).
BARE_ATTENDANCE_TAB_TOTALS = [
    """SELECT placement_id, count(*), sum(coalesce(code, provider_reported_code) IN ('B', 'K', 'L'))
    FROM attendance_mark WHERE placement_id IN (SELECT id FROM placement
        WHERE coalesce(ended_on, planned_end_date, '2026-09-01') >= '2026-09-01')
    GROUP BY placement_id""",
    """SELECT p.id, pu.legal_first_name, pu.legal_last_name, pr.name, p.start_date,
       p.planned_end_date, p.ended_on, p.weekly_pattern
    FROM placement p JOIN pupil pu ON pu.id = p.pupil_id JOIN provider pr ON pr.id = p.provider_id
    WHERE p.start_date <= '2026-11-27'
      AND coalesce(p.ended_on, p.planned_end_date, '2026-11-23') >= '2026-11-23'""",
    """SELECT pupil_id, placement_id, date, session, code, provider_reported_code
    FROM attendance_mark WHERE placement_id IN (SELECT id FROM placement
        WHERE start_date <= '2026-11-27'
          AND coalesce(ended_on, planned_end_date, '2026-11-23') >= '2026-11-23')
      AND date >= '2026-11-23' AND date <= '2026-11-27'""",
]
#: What a risk register line needs, by bare SQL: the placements with who and where and their
#: dates and patterns; their marks tallied by week (the falling rule compares weeks' rates),
#: each week's present, authorised, unauthorised, not possible and late sessions and which
#: sessions are coded (an expected session with none is unmarked: possible and absent); the
#: terms, closures and register times that say which sessions were expected. The weekly
#: tallies are APDesk's own query (`attendance_aggregate`), run bare: written plainly (four
#: `IN` lists, or a row per code) the same tallies took 1.4 to 1.9 times as long, which would
#: flatter APDesk.
BARE_PLACED = """
SELECT p.id, pu.upn, pu.legal_first_name, pu.legal_last_name, pr.name, p.start_date,
       p.planned_end_date, p.ended_on, p.weekly_pattern
FROM placement p JOIN pupil pu ON pu.id = p.pupil_id JOIN provider pr ON pr.id = p.provider_id
WHERE p.start_date <= '2026-11-28' AND coalesce(p.ended_on, p.planned_end_date, :since) >= :since
ORDER BY p.id
"""
BARE_CALENDAR = [
    "SELECT start, end FROM term",
    'SELECT "on" FROM closure',
    "SELECT am_register_closes, pm_register_closes FROM school",
]


def _bare_register(svc: object, since: str | None) -> Step:
    """The risk register's floor: the placements (running on or after `since`, or all), their
    weekly tallies and the calendar, by bare SQL."""
    import json

    from sqlalchemy import text

    from apdesk.services import attendance_aggregate as tallies

    def step() -> object:
        with svc.store.engine.connect() as conn:  # type: ignore[attr-defined]
            placed = conn.execute(text(BARE_PLACED), {"since": since or "0000"}).all()
            driver = conn.connection.driver_connection
            if since is None:
                weeks = driver.execute(tallies._EVERY).fetchall()
            else:
                ids = json.dumps([row[0] for row in placed])
                weeks = driver.execute(tallies._THESE, (ids,)).fetchall()
            return placed, weeks, [conn.execute(text(query)).all() for query in BARE_CALENDAR]

    return step


def _bare_tab(svc: object) -> Step:
    """The Attendance tab's floor: this school year's risk register's and the week's rows."""
    register, week = _bare_register(svc, "2026-09-01"), _bare_sql(svc, BARE_WEEK)
    return lambda: (register(), week())


#: The register's week: its placements with names, their marks that week.
BARE_WEEK = BARE_ATTENDANCE_TAB_TOTALS[1:]
#: One mark typed: the least the same answer needs is the mark written and its placement's
#: marks grouped by week read back (APDesk also writes the mark's hash-chained audit row).
BARE_MARK = [
    """UPDATE attendance_mark SET code = CASE code WHEN 'B' THEN 'L' ELSE 'B' END
    WHERE placement_id = :placement AND date = :day AND session = :session""",
    """SELECT strftime('%W', date), count(*), sum(coalesce(code, provider_reported_code) = 'B')
    FROM attendance_mark WHERE placement_id = :placement GROUP BY 1""",
]
#: The Reviews tab's floor: the rows it shows, the least way by bare SQL. The reviews held
#: (with what the due list plans from: each review's placement, kind and dates) and each
#: placement's pupil and provider once (joining the names to every review is slower); and
#: for the due list the live placements' dates and risk, the terms, closures, the school's
#: intervals and the live placements' risk-level changes (audit rows).
BARE_REVIEWS = [
    "SELECT id, placement_id, held_on, kind, next_review_on FROM review ORDER BY held_on DESC, id",
    """SELECT p.id, pu.preferred_name, pu.legal_first_name, pu.legal_last_name, pr.name
    FROM placement p JOIN pupil pu ON pu.id = p.pupil_id
    LEFT JOIN provider pr ON pr.id = p.provider_id""",
    """SELECT id, start_date, planned_end_date, ended_on, status, risk_level FROM placement
    WHERE status IN ('active', 'authorised')""",
    'SELECT start, "end" FROM term',
    'SELECT "on" FROM closure',
    "SELECT review_weeks_high, review_weeks_medium, review_weeks_low FROM school",
    """SELECT entity_id, at, old, new FROM audit_log
    WHERE entity = 'placement' AND action = 'placement.save' AND entity_id IN
        (SELECT CAST(id AS TEXT) FROM placement WHERE status IN ('active', 'authorised'))
    ORDER BY id""",
]
#: The register's floor: the same seven cells of text per placement (pupil, provider, every
#: site, the contacts, dates, objectives, the last review and the next date set) by one query.
BARE_REGISTER = """
SELECT pu.legal_first_name || ' ' || pu.legal_last_name || char(10) || 'Year '
         || coalesce(pu.year_group, '') || char(10) || 'UPN ' || pu.upn,
       pr.name || char(10) || pr.kind || char(10) || coalesce(pr.ofsted_urn, pr.ukprn, ''),
       (SELECT group_concat(s.name || ', ' || replace(s.address, char(10), ', ')
               || ' (' || s.kind || ')', char(10)) FROM site s WHERE s.provider_id = pr.id),
       (SELECT group_concat(c.name || ', ' || c.role || ', ' || c.phone || ', ' || c.email,
               char(10)) FROM contact c WHERE c.provider_id = pr.id)
         || char(10) || 'School lead: ' || p.school_lead,
       'Start ' || p.start_date || char(10) || 'Planned end ' || coalesce(p.planned_end_date, '')
         || char(10) || p.status || ' ' || coalesce(p.ended_on, ''),
       (SELECT group_concat(o.area || ': ' || o.target, char(10)) FROM objective o
        WHERE o.placement_id = p.id),
       (SELECT 'Last held ' || coalesce(max(r.held_on), 'none yet') || char(10) || 'Next due '
               || coalesce(max(r.next_review_on), 'none') FROM review r
        WHERE r.placement_id = p.id)
FROM placement p JOIN pupil pu ON pu.id = p.pupil_id JOIN provider pr ON pr.id = p.provider_id
ORDER BY pu.legal_last_name, pu.legal_first_name
"""
REGISTER_WIDTHS_MM = (33, 34, 45, 45, 33, 43, 28)


def _timed(step: Step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def _run(*argv: str) -> Step:
    return lambda: subprocess.run(argv, check=True, capture_output=True)


def _bare_sql(svc: object, sql: str | list[str]) -> Step:
    from sqlalchemy import text

    queries = [sql] if isinstance(sql, str) else sql

    from apdesk.storage.engine import reading

    def step() -> object:
        # a read's transaction, as APDesk's reads take (deferred: no write lock; 0028)
        with reading(svc.store.engine).connect() as conn:  # type: ignore[attr-defined]
            return [conn.execute(text(query)).all() for query in queries]

    return step


def _bare_table(svc: object) -> Step:
    """A ReportLab landscape table of the register's text, a Paragraph per cell, under a
    repeated header row: the least a wrapped table of the same rows needs."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    fetch = _bare_sql(svc, BARE_REGISTER)
    style = ParagraphStyle("cell", fontSize=9, leading=12)
    header = ["Pupil", "Provider", "Addresses", "Staff contacts", "Dates", "Objectives", "Reviews"]

    def paragraph(value: object) -> Paragraph:
        text = str(value or "").replace("&", "&amp;").replace("<", "&lt;")
        return Paragraph(text.replace("\n", "<br/>"), style)

    def step() -> object:
        (found,) = fetch()  # type: ignore[operator]
        rows = [[paragraph(v) for v in header]] + [[paragraph(v) for v in row] for row in found]
        table = Table(rows, colWidths=[w * mm for w in REGISTER_WIDTHS_MM], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=landscape(A4)).build([table])
        return out.getvalue()

    return step


def _attendance_tab(svc: object, lead: object) -> object:
    """What the Attendance tab loads first, as its `refresh` does."""
    from apdesk.domain.calendar import school_year_start
    from apdesk.services import attendance
    from apdesk.services.school import one_school

    with one_school():
        return (
            attendance.week_grid(svc, lead, NOW.date()),  # type: ignore[arg-type]
            attendance.risk_register(svc, lead, school_year_start(NOW.date())),  # type: ignore[arg-type]
        )


def _typed_mark(svc: object, lead: object) -> tuple[Step, Step]:
    """A mark typed over and over on the week's first placement with a session due (B, then
    L, then B...): APDesk saves it and reads back its lines (`record_mark`); the floor writes
    and reads the same in bare SQL, committed."""
    from sqlalchemy import text

    from apdesk.services import attendance

    week = attendance.week_grid(svc, lead, NOW.date())  # type: ignore[arg-type]
    row = next(r for r in week.rows if r.expected)
    day, session = min(row.expected)
    codes = iter(["B", "L"] * 1000)

    def app() -> object:
        entry = attendance.MarkEntry(row.pupil_id, row.placement_id, day, session, next(codes))
        return attendance.record_mark(svc, lead, entry, day)  # type: ignore[arg-type]

    where = {"placement": row.placement_id, "day": day.isoformat(), "session": session.value}

    def floor() -> object:
        with svc.store.engine.begin() as conn:  # type: ignore[attr-defined]
            conn.execute(text(BARE_MARK[0]), where)
        with svc.store.engine.connect() as conn:  # type: ignore[attr-defined]
            return conn.execute(text(BARE_MARK[1]), where).all()

    return app, floor


def scratch_copy(folder: Path) -> Path:
    """A copy of the cached store in a temporary folder, removed at exit: documents and
    exports write audit rows, and the cached stores are shared and never written."""
    scratch = Path(tempfile.mkdtemp(prefix="apdesk-bench-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    copy = scratch / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("work", "*.lock*"))
    return copy


#: The attendance export's floor: every mark with its pupil and provider, by surname, by one
#: query (without the unmarked expected sessions the export adds, which need the calendar).
BARE_MARKS = """
SELECT pu.upn, pu.legal_first_name || ' ' || pu.legal_last_name, m.placement_id, pr.name,
       m.date, m.session, m.provider_reported_code, m.reported_by, m.reported_how,
       m.reported_at, m.code, coalesce(m.code, m.provider_reported_code)
FROM attendance_mark m JOIN pupil pu ON pu.id = m.pupil_id
LEFT JOIN placement p ON p.id = m.placement_id LEFT JOIN provider pr ON pr.id = p.provider_id
ORDER BY lower(pu.legal_last_name), lower(pu.legal_first_name), pu.id, m.date, m.session
"""
LETTERS = 200


def _export(svc: object, actor: object, kind: str) -> Step:
    import os

    from apdesk.services import exports

    def step() -> object:
        with open(os.devnull, "w", newline="") as out:
            return exports.write_csv(svc, actor, kind, out)  # type: ignore[arg-type]

    return step


def _bare_csv(svc: object, sql: str) -> Step:
    """The rows of one query written with the csv module as they are read."""
    import csv
    import os

    from sqlalchemy import text

    def step() -> object:
        with svc.store.engine.connect() as conn, open(os.devnull, "w", newline="") as out:  # type: ignore[attr-defined]
            csv.writer(out).writerows(conn.execute(text(sql)))
        return None

    return step


def _letter_ids(svc: object) -> list[int]:
    """The first LETTERS placements, oldest first."""
    from sqlalchemy import text

    with svc.store.engine.connect() as conn:  # type: ignore[attr-defined]
        query = text("SELECT id FROM placement ORDER BY id LIMIT :n")
        return list(conn.execute(query, {"n": LETTERS}).scalars())


def _bare_letters(svc: object, head: object) -> Step:
    """A minimal ReportLab document of the same pages: each page of APDesk's letters read back
    (pypdf, once, untimed) and set again as a Paragraph a line, a page break a page."""
    import io

    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from apdesk.services import documents

    pages: list[list[str]] = []
    style = getSampleStyleSheet()["BodyText"]

    def step() -> object:
        if not pages:
            pdf = documents.parent_letters(svc, head, _letter_ids(svc))  # type: ignore[arg-type]
            for page in PdfReader(io.BytesIO(pdf)).pages:
                lines = page.extract_text().splitlines()
                pages.append([line.replace("&", "&amp;").replace("<", "&lt;") for line in lines])
        story: list[object] = []
        for lines in pages:
            story += [Paragraph(line, style) for line in lines] + [PageBreak()]
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=A4).build(story)
        return out.getvalue()

    return step


def figures(folder: Path) -> tuple[dict[str, tuple[Step, Step]], object]:
    from apdesk.services import attendance, documents, reviews, staff, today

    svc = open_services(scratch_copy(folder))
    dsl = staff.sign_in(svc, "dsl", "demo-password-dsl")
    head = staff.sign_in(svc, "head", "demo-password-head")
    lead = staff.sign_in(svc, "attendance", "demo-password-attendance")
    argparse_only = "import argparse; argparse.ArgumentParser(prog='apdesk').parse_args(['-h'])"
    found = {
        "apdesk --help": (_run(PY, "-m", "apdesk", "--help"), _run(PY, "-c", argparse_only)),
        "Today (service)": (
            lambda: today.today_summary(svc, dsl),
            _bare_sql(svc, BARE_TODAY),
        ),
        "Attendance: risk register": (
            lambda: attendance.risk_register(svc, dsl),
            _bare_register(svc, None),
        ),
        "Attendance tab: first load (week and risk register)": (
            lambda: _attendance_tab(svc, lead),
            _bare_tab(svc),
        ),
        "Attendance: risk register, against marks counted by placement (thin floor)": (
            lambda: attendance.risk_register(svc, dsl),
            _bare_sql(svc, BARE_ATTENDANCE_TOTALS),
        ),
        "Attendance tab: first load, against marks counted by placement (thin floor)": (
            lambda: _attendance_tab(svc, lead),
            _bare_sql(svc, BARE_ATTENDANCE_TAB_TOTALS),
        ),
        "Attendance: one mark typed, its lines current": _typed_mark(svc, lead),
        "Reviews: list and due": (
            lambda: (reviews.list_reviews(svc, dsl), reviews.reviews_due(svc, dsl)),
            _bare_sql(svc, BARE_REVIEWS),
        ),
        "register PDF": (lambda: documents.register(svc, head), _bare_table(svc)),
        "export attendance (CSV)": (_export(svc, dsl, "attendance"), _bare_csv(svc, BARE_MARKS)),
        f"{LETTERS} parent letters": (
            lambda: documents.parent_letters(svc, head, _letter_ids(svc)),
            _bare_letters(svc, head),
        ),
    }
    return found, svc


def measure(
    folder: Path, repeat: int, only: list[str]
) -> list[tuple[str, list[float], list[float]]]:
    steps, svc = figures(folder)
    chosen = {k: v for k, v in steps.items() if not only or any(o in k for o in only)}
    times: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in chosen}
    for app, floor in chosen.values():  # once each, untimed: caches and imports warm
        app()
        floor()
    for _ in range(repeat):
        for name, (app, floor) in chosen.items():
            times[name][0].append(_timed(app))
            times[name][1].append(_timed(floor))
    svc.close()  # type: ignore[attr-defined]
    return [(name, a, f) for name, (a, f) in times.items()]


def peak_memory(folder: Path) -> tuple[float, float]:
    """Peak MiB of the signed-in window once every tab has loaded its first rows, and of a
    bare window with a 400-row table: each a fresh child (bench_memory.py)."""
    from bench_memory import bare_window_memory, tabs_memory

    return tabs_memory(scratch_copy(folder))[1], bare_window_memory()


def _spread(values: list[float]) -> str:
    """The median and the range, in ms below a second."""
    median, low, high = statistics.median(values), min(values), max(values)
    if median < 1:
        return f"{median * 1000:.0f} ms ({low * 1000:.0f}-{high * 1000:.0f})"
    return f"{median:.2f} s ({low:.2f}-{high:.2f})"


def table(
    rows: list[tuple[str, list[float], list[float]]], memory: tuple[float, float] | None
) -> str:
    lines = [
        "| figure | APDesk, median (min-max) | floor, median (min-max) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, app, floor in rows:
        ratio = statistics.median(app) / statistics.median(floor)
        lines.append(f"| {name} | {_spread(app)} | {_spread(floor)} | {ratio:.1f}x |")
    if memory is not None:
        app_mib, floor_mib = memory
        lines.append(
            f"| peak memory, all tabs open | {app_mib:.0f} MiB | "
            f"bare window, {floor_mib:.0f} MiB | {app_mib / floor_mib:.1f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=40)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", action="append", default=[], help="figures whose name has this")
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args(argv)
    folder = built_store(args.years, args.per_year, copies=args.copies)
    rows = measure(folder, args.repeat, args.only)
    memory = None if args.no_memory else peak_memory(folder)
    print(
        f"Store: {folder.name} (clock {NOW:%d %b %Y %H:%M}), {args.repeat} runs each, interleaved\n"
    )
    print(table(rows, memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
