#!/usr/bin/env python3
"""flat.py DOCDRIFT - flat findings (diff --to jsonl, --to csv) round-trip:
in one run with --to json, every finding of the JSON report is one JSON
Lines object and one CSV record (read back with Python's csv module, an
RFC 4180 reader), in the same order, with the same code, variant, file,
position, field, class, severity, texts, word diff and fingerprint, and every
line is valid against doc/findings.schema.json (python3-jsonschema). The CSV
has the header row, CRLF line ends and quotes only where RFC 4180 needs
them. Inputs: the seeds (with --reference iana too), two copies (neutral
findings), check against a baseline (baseline states), and a crafted
60-variant family (CJK text, a long URL, missing and extra codes).
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

COLUMNS = ["code", "kind", "variant", "file", "line", "column", "field", "class", "reason",
           "severity", "similarity", "canonical", "text", "diff", "against", "systematic",
           "baseline", "fingerprint"]

try:  # Debian python3-jsonschema (scripts/install-deps.sh --test-tools)
    import jsonschema
except ImportError:
    jsonschema = None

exe = os.path.abspath(sys.argv[1])
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
failures = 0
schema = json.load(open(os.path.join(root, "doc", "findings.schema.json"), encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema) if jsonschema else None
if not validator:
    print("note: no jsonschema module; the lines are not checked against doc/findings.schema.json")


def fail(what):
    global failures
    failures += 1
    print("FAIL: " + what)


def expected(report):
    """The rows the JSON report's findings give, as JSON Lines would have them."""
    rows = []
    for c in report["codes"]:
        for f in c["findings"]:
            field = f["field"]
            canon = c[field]["canonical"] if field else None
            joined = (lambda v: v if isinstance(v, str) else "\n".join(v))
            rows.append({
                "code": c["code"], "kind": "status", "variant": f["variant"], "file": f["file"],
                "line": f.get("line"), "column": f.get("column"), "field": field,
                "class": f["class"], "reason": f.get("reason"), "severity": f.get("severity"),
                "similarity": f.get("similarity"),
                "canonical": joined(canon) if field else None,
                "text": joined(f["value"]) if field else None,
                "diff": f.get("diff"), "against": f.get("against"),
                "systematic": f.get("systematic"), "baseline": f.get("baseline"),
                "fingerprint": f.get("fingerprint"),
            })
    return rows


def as_csv(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "%.3f" % v
    return str(v)


def run(name, args):
    with tempfile.TemporaryDirectory() as tmp:
        paths = {k: os.path.join(tmp, "out." + k) for k in ("json", "jsonl", "csv")}
        cmd = [exe] + args[:1] + ["--to", "json=" + paths["json"], "--to", "jsonl=" + paths["jsonl"],
                                  "--to", "csv=" + paths["csv"]] + args[1:]
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            fail("%s: exit %d: %s" % (name, p.returncode, p.stderr.decode()[:300]))
            return
        report = json.load(open(paths["json"], encoding="utf-8"))
        want = expected(report)
        lines = open(paths["jsonl"], encoding="utf-8").read().split("\n")
        if lines[-1] != "":
            fail("%s: the JSON Lines do not end in a newline" % name)
        got = [json.loads(l) for l in lines[:-1]]
        for i, g in enumerate(got if validator else []):
            errors = sorted(validator.iter_errors(g), key=str)
            if errors:
                fail("%s: JSON line %d is not a finding of the schema: %s" % (name, i + 1, errors[0].message))
                break
        if len(got) != len(want):
            fail("%s: %d JSON Lines, %d findings in the JSON report" % (name, len(got), len(want)))
        for i, (g, w) in enumerate(zip(got, want)):
            if list(g.keys()) != COLUMNS:
                fail("%s: JSON line %d has the keys %s" % (name, i + 1, list(g.keys())))
                break
            if g != w:
                bad = [k for k in COLUMNS if g.get(k) != w.get(k)]
                fail("%s: JSON line %d differs from its finding in %s: %r, want %r"
                     % (name, i + 1, bad, [g[k] for k in bad], [w[k] for k in bad]))
                break
        raw = open(paths["csv"], "rb").read()
        if raw and (not raw.endswith(b"\r\n") or b"\r\n" not in raw):
            fail("%s: the CSV records do not end in CRLF" % name)
        records = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        if records[0] != COLUMNS:
            fail("%s: the CSV header is %s" % (name, records[0]))
        body = records[1:]
        if len(body) != len(want):
            fail("%s: %d CSV records, %d findings" % (name, len(body), len(want)))
        for i, (r, w) in enumerate(zip(body, want)):
            exp = [as_csv(w[k]) for k in COLUMNS]
            if r != exp:
                bad = [k for k, a, b in zip(COLUMNS, r, exp) if a != b]
                fail("%s: CSV record %d differs in %s: %r, want %r"
                     % (name, i + 1, bad, [r[COLUMNS.index(k)] for k in bad],
                        [exp[COLUMNS.index(k)] for k in bad]))
                break
        # quoted exactly where RFC 4180 needs it: a field is quoted iff it holds , " CR or LF
        again = io.StringIO(newline="")
        csv.writer(again, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(records)
        if again.getvalue().encode("utf-8") != raw:
            fail("%s: the CSV is not quoted as RFC 4180 minimally quotes it" % name)
        multi = sum(1 for w in want if w["text"] and "\n" in w["text"])
        print("%s: %d findings, %d JSON Lines, %d CSV records (%d with a line break in a field)"
              % (name, len(want), len(got), len(body), multi))


seeds = sorted("fixtures/seeds/" + f for f in os.listdir("fixtures/seeds") if f.endswith(".txt"))
run("seeds", ["diff"] + seeds)
run("seeds --reference iana", ["diff", "--reference", "iana"] + seeds)
run("two copies", ["diff", "--label", "pub=fixtures/reconcile/copy-public.rst", "--label",
                   "swiss=fixtures/reconcile/copy-swiss.rst", "fixtures/reconcile/copy-public.rst",
                   "fixtures/reconcile/copy-swiss.rst"])
run("check against a baseline", ["check", "--baseline", "fixtures/gate/seeds-some-new.json",
                                 "--no-config"] + seeds)
with tempfile.TemporaryDirectory() as fam:
    subprocess.run([sys.executable, os.path.join(root, "tests", "gen-family.py"), "60", fam],
                   check=True)
    run("60 variants", ["diff", fam])
sys.exit(1 if failures else 0)
