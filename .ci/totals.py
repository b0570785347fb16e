"""Totals the TRX files of one `dotnet test` run into the line CI reads: 'N passed, N failed, N skipped'."""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")) if len(sys.argv) > 1 else []
if not files:
    sys.exit("no .trx files under " + (sys.argv[1] if len(sys.argv) > 1 else "?"))
passed = failed = skipped = 0
for f in files:
    for result in ET.parse(f).getroot().iter(NS + "UnitTestResult"):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "NotRunnable"):
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
