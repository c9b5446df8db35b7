#!/usr/bin/env python3
"""Reproducible spot check: pick 20 random records from the knowledge data.

Standard library only. Run from anywhere:

    python3 knowledge/data/spotcheck.py            # seed 20261204, 10 + 10
    python3 knowledge/data/spotcheck.py --seed N --instruments 10 --limits 10

Records:
  * "instrument:<key>"        one per entry of instruments.json, in file order
  * "limit:<file>#<index>"    one per entry of every limits*.json, the files in
                              sorted name order, <index> the 0-based position
                              of the entry in its file

Selection: one random.Random(seed) generator; first
rng.sample(instrument_records, 10), then, from the same generator,
rng.sample(limit_records, 10). The picks are printed in that order with the
facts to check and the record's source_url.
"""

import argparse
import json
import random
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
SEED = 20261204


def load_records(data_dir=DATA_DIR):
    """Return (instrument_records, limit_records), each a list of (id, dict)."""
    with open(data_dir / "instruments.json", encoding="utf-8") as fh:
        instruments = json.load(fh)
    instrument_records = [(f"instrument:{row['key']}", row) for row in instruments]

    limit_records = []
    for path in sorted(data_dir.glob("limits*.json"), key=lambda p: p.name):
        with open(path, encoding="utf-8") as fh:
            rows = json.load(fh)
        for index, row in enumerate(rows):
            limit_records.append((f"limit:{path.name}#{index}", row))
    return instrument_records, limit_records


def all_records(data_dir=DATA_DIR):
    """The single list of every record: instruments first, then limits."""
    instrument_records, limit_records = load_records(data_dir)
    return instrument_records + limit_records


def pick(seed=SEED, n_instruments=10, n_limits=10, data_dir=DATA_DIR):
    """The spot-check sample: from the one list of all records, in its order,
    rng.sample of the instrument records, then of the limit records, from a
    single random.Random(seed)."""
    records = all_records(data_dir)
    instrument_records = [r for r in records if r[0].startswith("instrument:")]
    limit_records = [r for r in records if r[0].startswith("limit:")]
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    picked = rng.sample(instrument_records, n_instruments)
    picked += rng.sample(limit_records, n_limits)
    return picked


def _value_text(row):
    if row.get("value") is not None:
        return str(row["value"])
    lo, hi = row.get("value_min"), row.get("value_max")
    if lo is not None and hi is not None:
        return f"{lo}-{hi}"
    if lo is not None:
        return f">= {lo}"
    if hi is not None:
        return f"<= {hi}"
    return "(none)"


def describe(record_id, row):
    lines = [record_id]
    if record_id.startswith("instrument:"):
        fields = [
            ("jurisdiction", row.get("jurisdiction")),
            ("type", row.get("type")),
            ("title", row.get("title")),
            ("title_original", row.get("title_original")),
            ("title_zh", row.get("title_zh")),
            ("number", row.get("number")),
            ("issuing_body", row.get("issuing_body")),
            ("adopted", row.get("adopted")),
            ("in_force", row.get("in_force")),
            ("amended", row.get("amended")),
            ("repealed", row.get("repealed")),
            ("status", row.get("status")),
            ("verified", row.get("verified")),
        ]
    else:
        fields = [
            ("instrument", row.get("instrument")),
            ("parameter", row.get("parameter")),
            ("medium", row.get("medium")),
            ("category", row.get("category")),
            ("value", _value_text(row)),
            ("unit", row.get("unit")),
            ("averaging", row.get("averaging")),
            ("conditions", row.get("conditions")),
            ("verified", row.get("verified")),
        ]
    for name, value in fields:
        if value not in (None, "", []):
            lines.append(f"  {name + ':':<14} {value}")
    lines.append(f"  {'source_url:':<14} {row.get('source_url') or '(none)'}")
    note = row.get("editor_note") or row.get("note")
    if note:
        lines.append(f"  {'note:':<14} {note}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--instruments", type=int, default=10)
    parser.add_argument("--limits", type=int, default=10)
    args = parser.parse_args(argv)

    instrument_records, limit_records = load_records()
    print(
        "seed %d: %d of %d instruments, %d of %d limits (%d records in all)"
        % (
            args.seed,
            args.instruments,
            len(instrument_records),
            args.limits,
            len(limit_records),
            len(instrument_records) + len(limit_records),
        )
    )
    for number, (record_id, row) in enumerate(pick(args.seed, args.instruments, args.limits), start=1):
        print()
        print(f"{number:2d}. {describe(record_id, row)}")


if __name__ == "__main__":
    main()
