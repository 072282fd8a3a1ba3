"""Checks `nianbao summary` output against the hand-verified expected files.

usage: summary_check.py csv|yaml SUMMARY_FILE EXPECTED.yaml...

Every report of every expected file must have exactly one row, in the
file's order, with its agency, year, template, error count (the expected
findings of severity error) and the figures the tables give: 新收 总计,
(七)总计, the shares of 予以公开 and 不予公开, 行政复议 and 行政诉讼 with
their 纠正 rates. Prints one line per mismatch; exits 1 on any."""
import csv
import os
import sys

import yaml


def rows_of(fmt, path):
    with open(path, encoding="utf-8") as f:
        if fmt == "csv":
            return list(csv.DictReader(f))
        return yaml.safe_load(f)["reports"]


def value(row, key):
    v = row.get(key)
    return None if v in (None, "") else v


def total(tables, table, row, col=-1):
    cells = tables.get(table, {}).get(row)
    if cells is None:
        return None
    if isinstance(cells, dict):
        return cells.get(col)
    return cells[col]


def plus(*vs):
    """A sum that is unknown when any term is (a null cell)."""
    return None if any(v is None for v in vs) else sum(vs)


def share(part, whole):
    if part is None or whole is None or whole <= 0:
        return None
    return round(part / whole, 4)


def expected_figures(rep):
    t = rep.get("tables") or {}
    apps = t.get("applications", {})
    concluded = total(t, "applications", "total")
    withheld = [v[-1] for k, v in apps.items() if k.startswith("withheld_")]
    withheld = plus(*withheld) if withheld else None
    reviews = total(t, "appeals", "review")
    suits = None
    suits_corr = None
    if "appeals" in t:
        suits = plus(total(t, "appeals", "suit_direct"), total(t, "appeals", "suit_after_review"))
        suits_corr = plus(total(t, "appeals", "suit_direct", 1), total(t, "appeals", "suit_after_review", 1))
    return {
        "new_received": total(t, "applications", "new_received"),
        "concluded": concluded,
        "disclosed_share": share(total(t, "applications", "disclosed"), concluded),
        "withheld_share": share(withheld, concluded),
        "reviews": reviews,
        "reviews_corrected_rate": share(total(t, "appeals", "review", 1), reviews),
        "suits": suits,
        "suits_corrected_rate": share(suits_corr, suits),
    }


def number(v):
    if v is None:
        return None
    return round(float(v), 4)


def main():
    fmt, path, expected = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows = rows_of(fmt, path)
    by_file = {}
    for r in rows:
        by_file.setdefault(os.path.basename(str(r["file"])), []).append(r)
    bad = 0
    checked = 0
    for e in expected:
        exp = yaml.safe_load(open(e, encoding="utf-8"))
        got = by_file.get(os.path.basename(exp["file"]), [])
        reps = exp.get("reports", [])
        # reports with tables are the rows; a file without any lists its others
        if any(r.get("tables") for r in reps):
            reps = [r for r in reps if r.get("tables")]
        if len(got) != len(reps):
            print(f"{exp['file']}: {len(got)} rows, expected {len(reps)} reports")
            bad += 1
            continue
        for i, (rep, row) in enumerate(zip(reps, got)):
            where = f"{exp['file']} report {i + 1}"
            want = {
                "agency": rep.get("agency"),
                "year": rep.get("year"),
                "template": rep.get("template") if rep.get("tables") else None,
                "errors": sum(1 for f in rep.get("findings") or [] if f.get("severity") == "error"),
            }
            want.update(expected_figures(rep))
            for key, w in want.items():
                g = value(row, key)
                if key in ("agency", "template"):
                    ok = (g is None and w is None) or str(g) == str(w)
                else:
                    ok = number(g) == number(w)
                if not ok:
                    print(f"{where}: {key} = {g!r}, expected {w!r}")
                    bad += 1
            checked += 1
    print(f"{checked} reports checked against {len(expected)} expected files, {bad} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
