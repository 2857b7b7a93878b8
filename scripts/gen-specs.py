#!/usr/bin/env python3
"""Derives the conformance specifications of mappings/specs/ from the public definitions in
../shared/reference/ansi-nist/spec/ (run from the repository root; the output is committed data):

  an2k-2011.csv             ANSI/NIST-ITL 1-2011 field definitions (AN2011-FieldDefinition.xml.gz, traditional
                            encoding: FieldDef with TradXML T or TX)
  ebts-9.1.csv              FBI EBTS 9.1 fields per type of transaction (EBTS9.1_ENUS.txt, the EBTS 9.1
  ebts-9.1.transactions.csv verification file) and the records each TOT carries
  ebts-9.1.codes.csv        the NCIC code tables it names (T2_POB, T2_CTZ, T2_SMT, T2_GEO)
  ../an2k-xml/fields.csv    the XML element path of every field of the 2011 XML encoding (XMLPath per FieldID)

The column meanings are in docs/check.md.
"""
import csv, gzip, io, os, re, sys
import xml.etree.ElementTree as ET

REF = os.environ.get("XBORDER_REFERENCE", "../shared/reference/ansi-nist/spec")
OUT = "mappings/specs"
COLUMNS = ["field", "item", "mnemonic", "condition", "tots", "type", "special", "min_length", "max_length",
           "min_occurs", "max_occurs", "values", "pattern", "not_pattern", "date", "name"]


def write(name, header_lines, columns, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        for line in header_lines:
            f.write("# " + line + "\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([r.get(c, "") for c in columns])


def field_number(text):
    """'1.003', '4.01...0', '01.002' -> '1.003', '4.001', '1.002'."""
    rec, num = text.split(".", 1)
    num = num.split(".", 1)[0]
    return "%d.%03d" % (int(rec), int(num))


# Where the verification file contradicts the standard it verifies and real transactions, corrected here
# (field, item) -> (changed columns, why). Everything else is transcribed as it stands.
EBTS_CORRECTIONS = {
    ("9.010", ""): ({"min_length": "1", "max_length": "3"},
                    "MIN is a count of minutiae (EBTS 9.1 Table: up to 3 digits); the file says length 1"),
    ("9.012", "5"): ({"type": "NS", "special": ","},
                     "ridge count items are 'minutia,count' pairs ('033,04'); the file says N"),
    ("14.022", ""): ({"min_occurs": "1", "max_occurs": "4"},
                     "NQM has one subfield per finger of the image (one for a rolled print); the file repeats "
                     "the length 2-4 as occurrences"),
    ("10.040", ""): ({"special": " "},
                     "NCIC SMT codes hold blanks ('TAT UL ARM'), as 2.026 SMT allows with sca=' '"),
}


def bounds(text):
    """'3-30' -> ('3', '30'), '8' -> ('8', '8'), '2-x' -> ('2', ''), 'x' -> ('', ''): x is no bound."""
    lo, _, hi = text.partition("-")
    hi = hi or lo
    return ("" if lo == "x" else lo), ("" if hi == "x" else hi)


# ---------------------------------------------------------------- EBTS 9.1
def ebts():
    text = open(os.path.join(REF, "EBTS9.1_ENUS.txt"), encoding="utf-8-sig").read().replace("\r", "")
    # Comments: whole lines starting with '#', and '#' after a closing quote or value on a line.
    lines = []
    for line in text.split("\n"):
        if line.lstrip().startswith("#"):
            continue
        in_quote = False
        for i, ch in enumerate(line):
            if ch == '"':
                in_quote = not in_quote
            elif ch == "#" and not in_quote:
                line = line[:i]
                break
        lines.append(line)
    text = "\n".join(lines).replace("\\\n", "")
    head, fields = text.split("\nFIELDS", 1)

    # Transactions: TOT lines, then a record line ("1:1 2:1 414:1-14;") for the TOTs since the last one.
    transactions, pending = [], []
    for line in head.split("\n"):
        m = re.match(r'\s+([A-Z]+)\s+"([^"]*)"', line)
        if m:
            pending.append((m.group(1), m.group(2)))
            continue
        m = re.match(r"\s+((?:\d+:\d+(?:-\d+)?\s*)+);", line)
        if m:
            records = []
            for spec in m.group(1).split():
                types, occ = spec.split(":")
                # Record groups: 414 is Type-4 or Type-14, 713 Type-7 or Type-13.
                group = {"414": "4+14", "713": "7+13"}.get(types, types)
                records.append(group + ":" + occ)
            for tot, name in pending:
                transactions.append({"tot": tot, "records": " ".join(records), "name": name})
            pending = []
    # TOTs listed without a record line of their own (LPNR ... ERRA share the following one) are covered
    # above; those left have none in the file.
    for tot, name in pending:
        transactions.append({"tot": tot, "records": "", "name": name})

    rows, tables = [], {}
    header = None
    pos = 0
    stmt_re = re.compile(r"\[([^\]]*)\]|(\s*)(\d+\.[0-9.:]+)\s+(\w+)\s+([A-Z0-9]*)\s+([0-9x-]+)\s+([0-9x-]+)((?:[^;\"]|\"[^\"]*\")*);",
                         re.S)
    for m in stmt_re.finditer(fields):
        if m.group(1) is not None:
            # Entries are separated by commas; a few lines of the file end without one.
            parts = [p.strip() for p in re.split(r"[,\n]", m.group(1)) if p.strip()]
            default = parts[0]
            tots = []
            for p in parts[1:]:
                bits = p.split()
                tots.append(bits[0] if len(bits) == 1 or bits[1] == default else bits[0] + "=" + bits[1])
            header = (default, " ".join(tots))
            continue
        number, mnemonic, ftype, length, occ, rest = m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8)
        attrs = dict(re.findall(r'(\w+)="((?:[^"])*)"', rest))
        row = {"mnemonic": mnemonic, "condition": header[0], "tots": header[1], "name": attrs.get("desc", "")}
        if "..." in number:  # binary header field: 4.01...0 (number, then byte offset)
            row["field"] = field_number(number)
            row["type"] = "B"
        else:
            item = None
            if ".." in number:
                number, item = number.split("..")
            row["field"] = field_number(number.rstrip(":"))
            row["item"] = item or ""
            row["type"] = ftype
            if not number.endswith(":"):  # a field with items has its lengths checked per item
                row["min_length"], row["max_length"] = bounds(length)
        if not row.get("item"):
            row["min_occurs"], row["max_occurs"] = bounds(occ)
        if row["type"].startswith("B"):
            row["type"] = "B"
        sca = attrs.get("sca")
        if sca is not None:
            row["special"] = "PRINT" if sca == "PRINT" else sca
        if "mmap" in attrs:
            mmap = attrs["mmap"].strip()
            if mmap.startswith("file://"):
                name = mmap[len("file://"):].removesuffix(".txt")
                row["values"] = "@" + name
                tables[name] = True
            else:
                codes = [c.split(":", 1)[0].strip() for c in mmap.split("|")]
                row["values"] = "|".join(c for c in codes if c)
        if "regex" in attrs:
            row["pattern"] = attrs["regex"]
        if "nregex" in attrs:
            row["not_pattern"] = attrs["nregex"]
        if "date" in attrs:
            row["date"] = attrs["date"]
        rows.append(row)

    for row in rows:
        fix = EBTS_CORRECTIONS.get((row["field"], row.get("item", "")))
        if fix:
            row.update(fix[0])
    source = ["source: FBI EBTS 9.1 (IAFIS-DOC-01078-9.1), verification file EBTS9.1_ENUS.txt v1.2 (2011-08-17)",
              "generated by scripts/gen-specs.py from ../shared/reference/ansi-nist/spec/EBTS9.1_ENUS.txt; do not edit"]
    corrections = ["corrected: %s%s: %s" % (f, "." + i if i else "", why)
                   for (f, i), (_, why) in EBTS_CORRECTIONS.items()]
    write("ebts-9.1.csv", ["spec: ebts-9.1", "title: FBI EBTS 9.1", "transactions: ebts-9.1.transactions.csv",
                           "codes: ebts-9.1.codes.csv"] + source + corrections, COLUMNS, rows)
    write("ebts-9.1.transactions.csv", source + ["records: TYPE:MIN-MAX, TYPE+TYPE counts records of either type"],
          ["tot", "records", "name"], transactions)
    code_rows = []
    for name in sorted(tables):
        for line in open(os.path.join(REF, name + ".txt"), encoding="utf-8-sig", errors="replace"):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            code, _, label = line.partition("\t")
            code_rows.append({"table": name, "code": code.strip(), "label": label.strip()})
    write("ebts-9.1.codes.csv", ["source: NCIC code tables of FBI EBTS 9.1 Appendix O (T2_POB.txt, T2_CTZ.txt, "
                                 "T2_SMT.txt, T2_GEO.txt of the EBTS 9.1 verification files)",
                                 "generated by scripts/gen-specs.py; do not edit"], ["table", "code", "label"], code_rows)
    print("ebts-9.1: %d field rules, %d transactions, %d codes" % (len(rows), len(transactions), len(code_rows)))


# ---------------------------------------------------------------- ANSI/NIST-ITL 1-2011
def value_range(text):
    """ValueRange '0..99', '1..10,16,17', '"EJI","TIP"' -> '0..99', '1..10|16|17', 'EJI|TIP'; None when the
    range is written some other way ('<60', '>=1'), which the checker then leaves alone."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if re.fullmatch(r"-?\d+(\.\d+)?\.\.-?\d+(\.\d+)?|-?\d+", part):
            out.append(part)
        elif re.fullmatch(r'"[^"|]*"', part):
            out.append(part[1:-1])
        else:
            return None
    return "|".join(out)


def an2011():
    root = ET.parse(gzip.open(os.path.join(REF, "AN2011-FieldDefinition.xml.gz"))).getroot()
    rows, skipped_items, repeating, user_defined = [], 0, set(), []
    for d in root.iter("FieldDef"):
        get = lambda tag: (d.findtext(tag) or "").strip()
        if get("TradXML") not in ("T", "TX"):
            continue
        fid = get("FieldID")
        ranges = re.fullmatch(r"(\d+)\.(\d+)_(\d+)\.(\d+)", fid)
        if ranges and get("Mnemonic") == "UDF":
            user_defined.append("%d.%03d-%d.%03d" % tuple(int(g) for g in ranges.groups()))
            continue
        m = re.fullmatch(r"(\d+)\.(\d+)(?:-([A-Z]))?(?::T)?", fid)
        if not m:  # ranges of fields (02.003_02.999 user-defined) are not checked
            continue
        field = "%d.%03d" % (int(m.group(1)), int(m.group(2)))
        item = ord(m.group(3)) - ord("A") + 1 if m.group(3) else 0
        # 1.003 CNT has items A-B in its first subfield and C-D in the others: not positional, not checked.
        if field == "1.003" and item:
            continue
        cond = get("CondCode").rstrip("^")
        row = {"field": field, "item": str(item) if item else "", "mnemonic": get("Mnemonic"),
               "condition": "M" if cond == "M" else "O", "type": get("DataType"), "name": get("Description")}
        if item:
            # Items follow one another only while each occurs once; after an item that repeats (the
            # point lists of 10.015) the positions shift, so later items are not checked.
            if field in repeating:
                skipped_items += 1
                continue
            if get("MaxOccur") not in ("1", ""):
                repeating.add(field)
                skipped_items += 1
                continue
        else:
            row["min_occurs"] = get("MinOccur")
            row["max_occurs"] = "" if get("MaxOccur") == "*" else get("MaxOccur")
        binary = 3 <= int(m.group(1)) <= 8  # lengths of binary header fields are bytes, not characters
        if row["type"] and not binary:
            row["min_length"] = get("MinLength")
            row["max_length"] = "" if get("MaxLength") == "*" else get("MaxLength")
        special = get("SpecialChar")
        if special:
            row["special"] = "PRINT" if special == "ALL" else special
        vr = get("ValueRange")
        if vr:
            parsed = value_range(vr)
            if parsed is not None:
                row["values"] = parsed
        regex = get("RegExpression")
        if regex:
            row["pattern"] = regex
        rows.append(row)
    write("an2k-2011.csv", ["spec: an2k-2011", "title: ANSI/NIST-ITL 1-2011 (traditional encoding)",
                            "source: ANSI/NIST-ITL 1-2011 Update 2015 field definitions (Noblis/NIST "
                            "AN2011-FieldDefinition.xml), FieldDef with TradXML T or TX",
                            "generated by scripts/gen-specs.py from ../shared/reference/ansi-nist/spec/"
                            "AN2011-FieldDefinition.xml.gz; do not edit",
                            "condition D (depends on other fields) is written O; value ranges other than lists "
                            "and a..b are not checked; items after one that repeats are not checked, nor the items of 1.003; "
                            "nor the byte lengths of binary records (types 3-8)",
                            "user-defined: " + " ".join(user_defined)],
          COLUMNS, rows)
    print("an2k-2011: %d field rules (%d items after repeating ones left out)" % (len(rows), skipped_items))


# How the traditional encoding joins the parts of a value the XML encoding splits into elements; without an
# entry, parts are joined as they are (1.002 VER "05" "00"; 9.008 CRP x and y, which are written with equal
# widths, XXXXYYYY).
PART_JOIN = {("9.012", "5"): ","}


def xml_paths():
    """mappings/an2k-xml/fields.csv: the XML element path of every field and item of the 2011 XML encoding
    (XMLPath per FieldID), one row a path: alternatives ("P1 or P2") and the branches of conditional paths
    ("if [10/IMT] IN {...} then P1 else P2 endif", the condition kept in `when`) each have a row; `part`
    numbers the elements one traditional value is split into (1.002 VER: major and minor version)."""
    root = ET.parse(gzip.open(os.path.join(REF, "AN2011-FieldDefinition.xml.gz"))).getroot()
    rows = []
    for d in root.iter("FieldDef"):
        get = lambda tag: (d.findtext(tag) or "").strip()
        if get("TradXML") not in ("X", "TX") or not get("XMLPath"):
            continue
        m = re.fullmatch(r"(\d+)\.(\d+)(?:-([A-Z]))?(?::X(\d*))?", get("FieldID"))
        if not m:  # sets of fields (01.007_01.017-A): containers, not values
            continue
        field = "%d.%03d" % (int(m.group(1)), int(m.group(2)))
        item = str(ord(m.group(3)) - ord("A") + 1) if m.group(3) else ""
        when = ""
        for line in re.split(r"\n", get("XMLPath")):
            line = line.strip()
            cond = re.match(r"(?:else)?if\s*(\[.*?\].*?)\s+then\s*(.*)$", line, re.I)
            if cond:
                when, line = cond.group(1), cond.group(2)
            elif line.lower() == "else":
                when, line = "else", ""
            elif line.lower().startswith("else"):
                when, line = "else", line[4:].strip()
            elif line.lower() == "endif":
                when, line = "", ""
            for path in re.split(r"\s+or\s*", line):
                path = path.strip()
                if re.fullmatch(r"[a-z]+:\w+(/[a-z]+:\w+)*", path):
                    rows.append({"field": field, "item": item, "part": m.group(4) or "", "mnemonic": get("Mnemonic"),
                                 "path": path, "when": when})
    # A part whose element holds the other parts (9.008 CRP: the position, then its x and y) is a container,
    # not a value; the parts left are renumbered.
    groups = {}
    for r in rows:
        if r["part"]:
            groups.setdefault((r["field"], r["item"], r["when"]), []).append(r)
    for group in groups.values():
        paths = [r["path"] for r in group]
        kept = [r for r in group if not any(p.startswith(r["path"] + "/") for p in paths)]
        for i, r in enumerate(kept, 1):
            r["part"] = str(i)
        for r in group:
            if r not in kept:
                rows.remove(r)
    for r in rows:
        r["join"] = PART_JOIN.get((r["field"], r["item"]), "") if r["part"] else ""
    os.makedirs("mappings/an2k-xml", exist_ok=True)
    with open("mappings/an2k-xml/fields.csv", "w", newline="", encoding="utf-8") as f:
        for line in ["source: ANSI/NIST-ITL 1-2011 Update 2015 field definitions (Noblis/NIST "
                     "AN2011-FieldDefinition.xml), XMLPath of each FieldDef with TradXML X or TX",
                     "generated by scripts/gen-specs.py from ../shared/reference/ansi-nist/spec/"
                     "AN2011-FieldDefinition.xml.gz; do not edit",
                     "namespaces: itl=http://biometrics.nist.gov/standard/2011 "
                     "biom=http://niem.gov/niem/biometrics/1.0 nc=http://niem.gov/niem/niem-core/2.0",
                     "part: the elements one traditional value is split into, joined with `join` (without one: "
                     "as they are; written back in equal widths)"]:
            f.write("# " + line + "\n")
        w = csv.writer(f, lineterminator="\n")
        columns = ["field", "item", "part", "join", "mnemonic", "path", "when"]
        w.writerow(columns)
        for r in rows:
            w.writerow([r[c] for c in columns])
    print("an2k-xml: %d element paths" % len(rows))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    ebts()
    an2011()
    xml_paths()
