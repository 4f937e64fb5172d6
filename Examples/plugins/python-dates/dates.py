#!/usr/bin/env python3
"""A Gloss plugin in plain Python: finds numeric dates (2024-03-05, 5/3/2024, 05.03.2024).

It speaks the JSON-lines protocol of docs/plugin-protocol.md on stdin/stdout and needs nothing
outside the standard library. Register it with:

    gloss plugins add -- python3 Examples/plugins/python-dates/dates.py

Day-first is assumed for d/m/y (the usual order in Arabic and European news); the option
"order=mdy" switches to month-first.
"""
import json
import re
import sys

ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
SLASHED = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def valid(year, month, day):
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        return False
    days = [31, 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= days[month - 1]


def find_dates(text, order):
    # Arabic-Indic digits map one code point to one, so offsets stay the same.
    plain = text.translate(ARABIC_DIGITS)
    spans = []
    for m in ISO.finditer(plain):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if valid(year, month, day):
            spans.append((m.start(), m.end(), year, month, day, "iso"))
    for m in SLASHED.finditer(plain):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day, month = (b, a) if order == "mdy" else (a, b)
        if valid(year, month, day):
            spans.append((m.start(), m.end(), year, month, day, "numeric"))
    return [
        {"start": s, "end": e, "label": "DATE", "value": "%04d-%02d-%02d" % (y, mo, d), "attrs": {"format": f}}
        for (s, e, y, mo, d, f) in sorted(spans)
    ]


def send(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()  # a reply stuck in the buffer would stall Gloss until its timeout


def main():
    order = "dmy"
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        kind = message.get("type")
        if kind == "hello":
            order = message.get("options", {}).get("order", "dmy")
            send({"type": "hello", "protocol": 1, "id": "python-dates", "version": "1.0.0", "labels": ["DATE"],
                  "options": [{"name": "order", "description": "dmy (default) or mdy for d/m/y dates"}]})
        elif kind == "document":
            try:
                send({"type": "spans", "seq": message["seq"], "spans": find_dates(message["text"], order)})
            except Exception as error:  # an error is a reply, not a crash
                send({"type": "error", "seq": message.get("seq", 0), "message": str(error)})
        elif kind == "bye":
            break


if __name__ == "__main__":
    main()
