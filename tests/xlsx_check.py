"""Checks `nianbao export -f xlsx` against a hand-verified expected file.

usage: xlsx_check.py EXPORT.xlsx EXPECTED.yaml

With openpyxl (not by bytes): every report with tables has a sheet whose
tables hold every expected cell in the template's order (null cells
empty); every formula, evaluated here from the cells it names, gives the
value the file caches; each "difference" is 0 where its identity holds
and all its cells are known, and not 0 (and shaded) where the expected
file lists an error; a findings sheet names every expected error's rule.
Prints the mismatches; exits 1 on any."""
import re
import sys

import openpyxl
import yaml

TERM = re.compile(r"([+-]?)([A-Z]+)(\d+)")


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def evaluate(ws, coord, seen=()):
    v = ws[coord].value
    if isinstance(v, str) and v.startswith("="):
        if coord in seen:
            raise ValueError("formula loop at " + coord)
        total = 0
        for sign, col, row in TERM.findall(v[1:]):
            x = evaluate(ws, f"{col}{row}", seen + (coord,))
            total += -x if sign == "-" else x
        return total
    return v if isinstance(v, (int, float)) else 0


def known_terms(ws, coord):
    """Whether every plain cell a formula depends on holds a number."""
    v = ws[coord].value
    if isinstance(v, str) and v.startswith("="):
        return all(known_terms(ws, f"{c}{r}") for _, c, r in TERM.findall(v[1:]))
    return isinstance(v, (int, float))


def expected_sequence(rep, table):
    out = []
    for row, cells in (rep["tables"].get(table) or {}).items():
        vals = cells if isinstance(cells, list) else [v for k, v in cells.items() if not k.endswith("_unit")]
        out.extend(vals)
    return out


def sheet_sequences(ws):
    """The tables' values as the sheet lays them out, in order: table 二
    in column C; tables 三 and 四 a row per template row from column B."""
    seqs = {"active": [], "applications": [], "appeals": []}
    titles = {"二": "active", "三": "applications", "四": "appeals"}
    current = None
    for row in ws.iter_rows():
        a = row[0].value
        if isinstance(a, str) and a[:1] in titles and a[1:2] == "、" and row[1].value is None:
            current = titles[a[:1]]
            continue
        if current is None:
            continue
        if isinstance(a, str) and a.startswith(("computed", "difference", "计算", "差额")):
            current = None
            continue
        if current == "active":
            if row[1].value is None:
                current = None
                continue
            v = row[2].value
            seqs["active"].append(v if isinstance(v, (int, float)) else None)
            continue
        if a is None:
            continue  # the column headings
        width = 7 if current == "applications" else 5
        for c in row[1:1 + width]:
            v = c.value
            seqs[current].append(v if isinstance(v, (int, float)) else None)
    return seqs


def main():
    path, exp_path = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    exp = yaml.safe_load(open(exp_path, encoding="utf-8"))
    reps = [r for r in exp.get("reports", []) if r.get("tables")]
    bad = []
    sheets = [n for n in wb.sheetnames if n != "findings"]
    if len(sheets) != len(reps) or "findings" not in wb.sheetnames:
        bad.append(f"{len(sheets)} report sheets for {len(reps)} reports, findings sheet: {'findings' in wb.sheetnames}")
    formulas = 0
    for rep in reps:
        name = next((n for n in sheets if n.endswith(str(rep["year"]))), None)
        if not name:
            bad.append(f"no sheet for {rep['year']}")
            continue
        ws, wc = wb[name], cached[name]
        seqs = sheet_sequences(ws)
        for table in ("active", "applications", "appeals"):
            want = [None if v is None else float(v) for v in expected_sequence(rep, table)]
            got = [None if v is None else float(v) for v in seqs[table]]
            if [round(v, 4) if v is not None else None for v in got] != \
               [round(v, 4) if v is not None else None for v in want]:
                bad.append(f"{name} {table}: {got} expected {want}")
        errors = [f for f in rep.get("findings") or [] if f.get("severity") == "error"]
        nonzero = 0
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith("=")):
                    continue
                formulas += 1
                v = evaluate(ws, c.coordinate)
                if abs(v - (wc[c.coordinate].value or 0)) > 1e-6:
                    bad.append(f"{name}!{c.coordinate}: {c.value} = {v}, cached {wc[c.coordinate].value}")
                is_diff = len(TERM.findall(c.value[1:])) == 2 and \
                    isinstance(ws[TERM.findall(c.value[1:])[0][1] + TERM.findall(c.value[1:])[0][2]].value, str)
                if is_diff and known_terms(ws, c.coordinate) and abs(v) > 1e-6:
                    nonzero += 1
                    if (c.fill.fgColor.rgb or "")[-6:].upper() != "F6C6C6":
                        bad.append(f"{name}!{c.coordinate}: a broken identity not shaded")
        if errors and nonzero == 0:
            bad.append(f"{name}: {len(errors)} errors expected, every difference is 0")
        if not errors and nonzero:
            bad.append(f"{name}: {nonzero} differences where the source is consistent")
    rules = {r[2] for r in wb["findings"].iter_rows(min_row=2, values_only=True)} if "findings" in wb.sheetnames else set()
    for rep in reps:
        for f in rep.get("findings") or []:
            kind = {"appeal_total": "appeals.total"}.get(f["kind"], f["kind"])
            if f.get("severity") == "error" and not any(str(r).endswith(kind) for r in rules):
                bad.append(f"findings sheet: no {f['kind']}")
    for b in bad:
        print(b)
    print(f"{len(reps)} reports, {formulas} formulas checked, {len(bad)} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
