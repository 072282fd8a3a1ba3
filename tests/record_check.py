"""Checks a review record page (`nianbao record`).

usage: record_check.py RECORD.html CHECK.json [TEXT...]

The page must parse as XML (so as well-formed HTML), hold no script and
no reference to another file, and its text must hold every finding
message of CHECK.json (`nianbao check -f json` of the same report) and
every TEXT given. Prints what is missing; exits 1 on any."""
import json
import sys
import xml.etree.ElementTree as ET


def main():
    page, check, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
    root = ET.parse(page).getroot()
    text = " ".join(" ".join(e.itertext()) for e in root.iter("body"))
    bad = []
    for e in root.iter():
        if e.tag in ("script", "link", "img", "iframe", "object"):
            bad.append(f"a <{e.tag}> element")
        for attr in ("src", "href"):
            if attr in e.attrib:
                bad.append(f"a {attr}= attribute")
    data = json.load(open(check, encoding="utf-8"))
    messages = [f["message"] for fl in data["files"] for r in fl.get("reports", []) for f in r["findings"]]
    for m in messages + texts:
        if m not in text:
            bad.append(f"missing: {m!r}")
    for b in bad:
        print(b)
    print(f"{len(messages)} findings and {len(texts)} texts looked for, {len(bad)} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
