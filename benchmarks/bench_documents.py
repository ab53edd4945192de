"""Benchmark: the policy's documents on ten years of demo data.

Run from the repository root (not part of `make test`):

    .venv/bin/python benchmarks/bench_documents.py [--scale 10]

Times the register of pupils in AP, the governors' report for the current term, every
parent letter in one batch, and signing Annex B (render + PAdES signature + storing the
signed copy), each once, on a demo store in a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench_demo_scale import NOW, new_services, timed

from apdesk.demo.fill import fill_demo
from apdesk.domain import checklists
from apdesk.services import documents, placements, providers, staff
from apdesk.services.school import get_school


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        svc = new_services(Path(folder) / "store")
        fill_demo(svc, seed=1, scale=args.scale)
        head = staff.sign_in(svc, "head", "demo-password-head")
        rows = placements.list_placements(svc, head)
        provider = providers.list_providers(svc, head)[0]
        for item in checklists.ANNEX_B_ITEMS:
            providers.set_annex_b_item(svc, head, provider.id, item.key, True)
        school = get_school(svc)
        terms = school.terms if school else []
        term = next(t.name for t in terms if t.start <= NOW.date() <= t.end)
        steps = {
            f"register ({len(rows)} placements)": lambda: documents.register(svc, head),
            f"governors' report ({term})": lambda: documents.governors_report(svc, head, term),
            f"{len(rows)} parent letters in one PDF": lambda: documents.parent_letters(
                svc, head, [r.id for r in rows]
            ),
            "sign Annex B": lambda: documents.sign_annex_b(
                svc, head, provider.id, "demo-password-head"
            ),
        }
        print(f"{'step':48} {'seconds':>8} {'KiB':>8}")
        for name, step in steps.items():
            seconds, pdf = timed(step)
            print(f"{name:48} {seconds:8.2f} {len(pdf) / 1024:8.0f}")  # type: ignore[arg-type]
        svc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
