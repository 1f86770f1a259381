#!/bin/sh
# sarif.sh DOCDRIFT - the SARIF of a check run (one new finding; and with
# --sarif-include-accepted, every finding, accepted, suppressed and fixed)
# validates with @microsoft/sarif-multitool (installed in build-tools/ by
# scripts/install-deps.sh --test-tools), and has every field GitHub code
# scanning requires. The validator's exit status does not reflect what it
# found, so its output is read. Skips (77) only when the validator is not
# installed, saying why.
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DD_WRAP=${DD_WRAP:-}
root=$(cd "$(dirname "$0")/.." && pwd)
tool=$root/build-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$tool" ]; then
	echo "SKIP: the SARIF validator is not installed ($tool);"
	echo "      sh scripts/install-deps.sh --test-tools installs it with npm"
	[ -f "$root/build-tools/install.log" ] && tail -n 5 "$root/build-tools/install.log"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/repo/.git" "$tmp/repo/docs"
cp "$root"/fixtures/seeds/*.txt "$tmp/repo/docs/"
cd "$tmp/repo" || exit 99
fail=0
# a sixth page in the canonical wording, accepted and then removed: its
# entries are fixed (absent); one edit makes one new finding
$DD_WRAP "$exe" merge docs 2>/dev/null | sed -n '3,4p;/^| 404 /p;/^| 412 /p' >docs/zz-extra.md
$DD_WRAP "$exe" baseline docs 2>/dev/null
rm docs/zz-extra.md
sed -i '61s/resource cannot be found.  /resource was not found.    /' docs/001_1b7a17603f135351.txt
printf '[suppress generic-paragraphs]\nvariant = docs/002_*\nclass = paragraphing\nreason = generic keeps one paragraph\n' >.docdrift.ini
$DD_WRAP "$exe" check --to sarif=new.sarif docs >/dev/null 2>&1
$DD_WRAP "$exe" check --sarif-include-accepted --to sarif docs >all.sarif 2>/dev/null
$DD_WRAP "$exe" diff --to sarif docs >diff.sarif 2>/dev/null
# error codes and families of copies: a changed HTTP status (rule
# StatusChanged), a rewording, parts joined in one run
cp -R "$root/fixtures/families" fam
$DD_WRAP "$exe" check --no-config --no-baseline --pair --to sarif fam/public fam/swiss \
	>pair.sarif 2>/dev/null
grep -q '"ruleId":"changed"' pair.sarif || { echo "FAIL: pair.sarif has no 'changed' result"; fail=1; }
# a control: the validator does catch a bad log (a result without a message)
sed 's/"message":{"text":"[^"]*"},//' new.sarif >control.sarif
HOME=$tmp DOTNET_CLI_TELEMETRY_OPTOUT=1 "$tool" validate control.sarif >"$tmp/control.log" 2>&1
if ! grep -Eq 'error (SARIF|JSON)[0-9]*' "$tmp/control.log"; then
	echo "FAIL: the validator accepts a result without a message:"; sed 's/^/  | /' "$tmp/control.log" | head
	fail=1
fi
for f in new.sarif all.sarif diff.sarif pair.sarif; do
	# DOTNET_CLI_TELEMETRY_OPTOUT: offline; the tool needs a writable HOME
	HOME=$tmp DOTNET_CLI_TELEMETRY_OPTOUT=1 "$tool" validate "$f" >"$tmp/$f.log" 2>&1
	if ! grep -q 'Analysis completed successfully' "$tmp/$f.log" ||
		grep -Eq '(error|warning) (SARIF|JSON|ERR)[0-9]*' "$tmp/$f.log"; then
		echo "FAIL: $f does not validate:"; sed 's/^/  | /' "$tmp/$f.log" | head -30
		fail=1
	fi
done
# what GitHub code scanning requires of each run and result
python3 - new.sarif all.sarif diff.sarif pair.sarif <<'PY' || fail=1
import json, sys
ok = True
def need(cond, what):
    global ok
    if not cond:
        print("FAIL:", what); ok = False
for path in sys.argv[1:]:
    log = json.load(open(path))
    need(log.get("version") == "2.1.0" and "$schema" in log, path + ": version/$schema")
    run = log["runs"][0]
    d = run["tool"]["driver"]
    need(d["name"] == "docdrift" and d.get("semanticVersion") and d.get("informationUri"), path + ": driver")
    ids = [r["id"] for r in d["rules"]]
    for r in d["rules"]:
        need(all(k in r for k in ("id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration")), path + ": rule " + r["id"])
    states = set()
    for res in run["results"]:
        need(res["ruleId"] in ids and ids[res["ruleIndex"]] == res["ruleId"], path + ": ruleId/ruleIndex")
        need(res["level"] in ("error", "warning", "note", "none"), path + ": level")
        need(isinstance(res["message"]["text"], str) and res["message"]["text"], path + ": message.text")
        pl = res["locations"][0]["physicalLocation"]
        need(not pl["artifactLocation"]["uri"].startswith("/") and pl["artifactLocation"]["uri"].startswith(("docs/", "fam/")), path + ": repo-relative uri")
        reg = pl["region"]
        need(all(reg.get(k, 0) >= 1 for k in ("startLine", "startColumn", "endLine", "endColumn")), path + ": region")
        need(res["partialFingerprints"].get("docdriftFingerprint/v1"), path + ": partialFingerprints")
        if "relatedLocations" in res:
            need("](1)" in res["message"]["text"] and res["relatedLocations"][0]["id"] == 1, path + ": message links the related location")
        states.add(res.get("baselineState"))
    if path == "new.sarif":
        need(len(run["results"]) == 1 and states == {"new"}, path + ": exactly the one new finding")
    if path == "all.sarif":
        need(states == {"new", "unchanged", "absent"}, path + ": baselineState new/unchanged/absent, got %s" % states)
        need(any(r.get("suppressions") for r in run["results"]), path + ": accepted results carry suppressions")
    if path == "diff.sarif":
        need(states == {None}, path + ": no baselineState without a baseline")
sys.exit(0 if ok else 1)
PY
[ $fail = 0 ] && echo "sarif: ok (3 logs validated by @microsoft/sarif-multitool $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$root/build-tools/node_modules/@microsoft/sarif-multitool/package.json"))"
exit $fail
