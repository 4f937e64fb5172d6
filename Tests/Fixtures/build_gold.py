#!/usr/bin/env python3
"""Builds gold.jsonl (spans) and docs.jsonl (documents) from paragraphs.txt in a fixture folder.

    python3 Tests/Fixtures/build_gold.py Tests/Fixtures/eval2

paragraphs.txt holds paragraphs written for Gloss's evaluation, one per block, with gold spans
marked inline as [[text|LABEL]] (or [[text|LABEL|value]]). The markup is removed from the
document text and each marked span becomes a gold span with code-point offsets.
"""
import json, re, sys, pathlib

here = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "eval"
MARK = re.compile(r"\[\[(.+?)\|([A-Z]+)(?:\|(.*?))?\]\]")
docs, gold = [], []
blocks = [b.strip() for b in (here / "paragraphs.txt").read_text(encoding="utf-8").split("\n\n") if b.strip() and not b.startswith("#")]
for n, block in enumerate(blocks, 1):
    name = f"eval-{n:02d}"
    text, spans, pos, out = block, [], 0, []
    for m in MARK.finditer(block):
        out.append(block[pos:m.start()])
        start = sum(len(p) for p in out)
        out.append(m.group(1))
        spans.append({"doc": name, "start": start, "end": start + len(m.group(1)), "label": m.group(2), "text": m.group(1)})
        pos = m.end()
    out.append(block[pos:])
    plain = "".join(out)
    docs.append({"id": name, "text": plain})
    gold += spans
(here / "docs.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
(here / "gold.jsonl").write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in gold), encoding="utf-8")
print(f"{len(docs)} documents, {len(gold)} gold spans")
