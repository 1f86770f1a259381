#!/usr/bin/env python3
"""check-manifest.py MANIFEST.jsonl RECORDS.jsonl -- compare docdrift's records
with gen-corpus.py's ground truth, so speed is never bought by dropping rows.

Per file, the manifest lists the status table's records in table order; the
records docdrift wrote for that file must be the same codes in the same order
with the same name and description (whitespace-normalised, paragraphs joined:
md-pipe and flattened RST cannot keep paragraph breaks). Error-code records
(kind "error": the error-code tables some pages hold beside their status
table) are counted, not compared: the manifest lists no error table. Prints a
summary and the first mismatches; exits 1 on any mismatch."""
import json
import os
import sys


def norm(s):
    return " ".join(s.split())


def main():
    man, got = sys.argv[1], sys.argv[2]
    ours = {}
    errors = {}
    with open(got, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            into = errors if r.get("kind") == "error" else ours
            into.setdefault(os.path.basename(r["file"]), []).append(r)
    files = recs = exact = 0
    bad = []
    with open(man, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            name = os.path.basename(m["file"])
            files += 1
            want = m["records"]
            have = ours.get(name, [])
            recs += len(want)
            if len(have) != len(want):
                bad.append("%s: %d records, expected %d" % (name, len(have), len(want)))
            for w, h in zip(want, have):
                wk = (str(w["code"]), norm(w["name"]), norm(" ".join(w["desc"])))
                hk = (h["key"], norm(h["name"]), norm(" ".join(h["description"])))
                if wk == hk:
                    exact += 1
                else:
                    bad.append("%s: code %s: expected %r, got %r" % (name, w["code"], wk, hk))
    print("files %d, records expected %d, exact %d, problems %d; error-code records %d in %d files"
          % (files, recs, exact, len(bad), sum(map(len, errors.values())), len(errors)))
    for b in bad[:20]:
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
