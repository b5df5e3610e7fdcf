#!/usr/bin/env python3
"""The listing JSON Schema checked against the corpus the C++ reader is tested
with (tests/test_listing.cpp), so the two agree on what a listing is:

  - listing/listing.schema.json is a valid draft 2020-12 schema;
  - tests/listing_corpus/good/*.json, the demo listings
    (scenes/demo-listing/, scenes/demo-panoramas/) and the complete example
    in docs/listing-format.md are valid;
  - every tests/listing_corpus/bad/*.json is invalid (or not JSON at all);
  - every tests/listing_corpus/bad-reader-only/*.json is valid: its defect is
    one JSON Schema cannot state (a panorama link to no panorama, to its own,
    to a name two share, or twice to one), so only the C++ reader refuses it.
    Should the schema ever catch one, the file belongs in bad/.

Usage: check_listing_schema.py SOURCE_DIR. Exit 0 when all hold, 1 otherwise,
naming each file that disagrees.
"""
import json
import pathlib
import re
import sys

from jsonschema import Draft202012Validator


def strict_json(text):
    """Parse as RFC 8259 JSON: Python would otherwise accept NaN and Infinity."""

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def docs_example(doc_path):
    """The ```json block after the line that says "complete example"."""
    text = doc_path.read_text(encoding="utf-8")
    match = re.search(r"complete example[^\n]*\n(?:[^\n]*\n)*?```json\n(.*?)\n```", text, re.IGNORECASE | re.DOTALL)
    if not match:
        raise ValueError(f"{doc_path}: no ```json block after a line saying 'complete example'")
    return match.group(1)


def validator(schema_path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    # FORMAT_CHECKER is the validator's own since jsonschema 4.5; Debian 12 has 4.10.
    format_checker = getattr(Draft202012Validator, "FORMAT_CHECKER", None)
    return Draft202012Validator(schema, format_checker=format_checker)


def problems_in(check, text):
    """The schema's complaints about one document, [] when it is valid."""
    try:
        document = strict_json(text)
    except ValueError as error:
        return [f"not JSON: {error}"]
    return [f"{'/' + '/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(document)]


def main():
    source = pathlib.Path(sys.argv[1])
    check = validator(source / "listing" / "listing.schema.json")
    corpus = source / "tests" / "listing_corpus"
    good = sorted((corpus / "good").glob("*.json")) + [source / "scenes" / name / "listing.json"
                                                       for name in ("demo-listing", "demo-panoramas")]
    bad = sorted((corpus / "bad").glob("*.json"))
    reader_only = sorted((corpus / "bad-reader-only").glob("*.json"))
    if len(good) < 5 or len(bad) < 20 or len(reader_only) < 4:
        print(f"corpus too small: {len(good)} good, {len(bad)} bad, {len(reader_only)} reader-only files")
        return 1

    failures = 0
    for path in good:
        for problem in problems_in(check, path.read_text(encoding="utf-8")):
            print(f"{path}: should be valid but {problem}")
            failures += 1
    for path in bad:
        if not problems_in(check, path.read_text(encoding="utf-8")):
            print(f"{path}: should be invalid but the schema accepts it")
            failures += 1
    for path in reader_only:
        for problem in problems_in(check, path.read_text(encoding="utf-8")):
            print(f"{path}: only the reader should refuse it, but the schema says {problem}")
            failures += 1
    doc = source / "docs" / "listing-format.md"
    for problem in problems_in(check, docs_example(doc)):
        print(f"{doc} (complete example): should be valid but {problem}")
        failures += 1

    print(f"{len(good)} good files and the documentation's example valid, {len(bad)} bad files invalid, "
          f"{len(reader_only)} reader-only files valid"
          if failures == 0 else f"{failures} disagreements with the schema")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
