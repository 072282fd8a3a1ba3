"""Checks `nianbao export -f csv` against a hand-verified expected file.

usage: export_csv_check.py EXPORT.csv EXPECTED.yaml

Every cell of every report with tables in the expected file must be one
CSV line with its value (empty for null), and no other report's cells may
be there. Prints the mismatches; exits 1 on any."""
import csv
import sys

import yaml

COLUMNS = {
    "applications": ["natural_person", "commercial_enterprise", "research_institution",
                     "public_interest_org", "legal_service_org", "other_org", "total"],
    "appeals": ["upheld", "corrected", "other", "pending", "total"],
}


def expected_cells(rep):
    for table, rows in (rep.get("tables") or {}).items():
        for row, cells in rows.items():
            if isinstance(cells, list):
                for col, v in zip(COLUMNS[table], cells):
                    yield (table, row, col), v
            else:
                for col, v in cells.items():
                    if not col.endswith("_unit"):
                        yield (table, row, col), v


def main():
    got_rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    exp = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
    reps = [r for r in exp.get("reports", []) if r.get("tables")]
    bad = cells = 0
    years = {r["year"] for r in reps}
    for row in got_rows:
        if int(row["year"] or 0) not in years:
            print(f"a cell of a report not expected: {row['year']} {row['table']}.{row['row']}")
            bad += 1
    for rep in reps:
        got = {(r["table"], r["row"], r["column"]): r["value"] for r in got_rows
               if int(r["year"] or 0) == rep["year"]}
        for key, v in expected_cells(rep):
            cells += 1
            g = got.get(key)
            want = "" if v is None else str(v)
            if g is None or (g != want and not (g and want and float(g) == float(want))):
                print(f"{rep['year']} {'.'.join(key)}: {g!r}, expected {want!r}")
                bad += 1
    print(f"{cells} cells of {len(reps)} reports checked, {bad} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
