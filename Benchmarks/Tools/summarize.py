#!/usr/bin/env python3
"""Turns the `name value unit` lines of a benchmark run into the summary tables: every figure
side by side for Gloss, raw LMDB (C) and SQLite (C), and every target of issue 8 with its ratio.

  summarize.py RESULTS [--markdown]

Ratios are "Gloss vs X": for throughputs Gloss/X, for latencies, times and sizes X/Gloss, so
that above 1 always means Gloss does better.
"""
import re
import statistics
import sys

HIGHER, LOWER = "higher", "lower"

# key, description, direction. Figures are named impl.key.tag (impl: gloss, lmdb, sqlite,
# gloss_cli, lmdb_cli, ...).
FIGURES = [
    ("ingest.bulk", "ingest, 100k spans per txn, durable", HIGHER),
    ("ingest.small", "ingest, 1k spans per txn, durable", HIGHER),
    ("ingest.annotator", "ingest via public Annotator (replay extractor)", HIGHER),
    ("scan.all", "full scan, spans borrowed (SpanRef)", HIGHER),
    ("scan.all.first", "full scan, first span", LOWER),
    ("scan_owned.all", "full scan, a Span built per result", HIGHER),
    ("scan.label", "by label (PLACE)", HIGHER),
    ("scan.label.first", "by label, first span", LOWER),
    ("range.wide", "value range NUMBER 1e3..1e5", HIGHER),
    ("range.wide.first", "value range, first span", LOWER),
    ("join.near", "join NUMBER near PLACE:30", HIGHER),
    ("join.near.first", "join, first span", LOWER),
    ("doclabel.p50", "label L in document D, p50", LOWER),
    ("doclabel.p99", "label L in document D, p99", LOWER),
    ("range.narrow.p50", "NUMBER = v (as range v..v), p50", LOWER),
    ("range.narrow.p99", "NUMBER = v (as range v..v), p99", LOWER),
    ("count.label.p50", "count by label, p50", LOWER),
    ("count.value", "count PLACE by value", LOWER),
    ("store.bytes_per_span", "store bytes/span (texts included)", LOWER),
    ("store.span_bytes_per_span", "span tables+indexes bytes/span", LOWER),
]

CLI_FIGURES = [
    ("scan.all", "gloss query --format jsonl (all)", HIGHER),
    ("scan.all.first", "  first line", LOWER),
    ("scan.all.rss", "  peak RSS (with mapped store pages)", LOWER),
    ("scan.all.anon", "  peak anonymous RSS (heap)", LOWER),
    ("scan.label", "--label PLACE", HIGHER),
    ("scan.label.first", "  first line", LOWER),
    ("range.wide", "--label NUMBER --min 1000 --max 100000", HIGHER),
    ("range.wide.first", "  first line", LOWER),
    ("join.near", "--label NUMBER --near PLACE:30", HIGHER),
    ("join.near.first", "  first line", LOWER),
    ("doc.first", "--doc D --label PERSON, first line", LOWER),
]


def load(path):
    """Figures by name; a figure named more than once (the rounds of reads and streams) counts
    at its median, except peak memory (`.rss.`, `.anon.`), which counts at its largest."""
    values, units = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or line.startswith("#"):
                continue
            try:
                value = float(parts[1])
            except ValueError:
                continue
            values.setdefault(parts[0], []).append(value)
            units[parts[0]] = parts[2]
    def peak(name):
        return ".rss." in name or ".anon." in name
    return {name: max(seen) if peak(name) else statistics.median(seen) for name, seen in values.items()}, units


def fmt(value):
    if value is None:
        return "—"
    if value >= 1e6:
        return f"{value / 1e6:.2f}M"
    if value >= 1e4:
        return f"{value / 1e3:.0f}k"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def ratio(gloss, other, direction):
    if gloss is None or other is None or gloss == 0 or other == 0:
        return None
    return gloss / other if direction == HIGHER else other / gloss


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}×"


def table(rows, headers, markdown):
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(out)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def tags_of(figures):
    order = {"100k": 0, "1m": 1, "10m": 2}
    tags = {k.rsplit(".", 1)[1] for k in figures if k.startswith(("gloss.ingest.bulk.", "lmdb.ingest.bulk."))}
    return sorted(tags, key=lambda t: order.get(t, 9))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    markdown = "--markdown" in sys.argv
    figures, units = load(sys.argv[1])
    g = figures.get
    out = []
    for tag in tags_of(figures):
        rows = []
        for key, description, direction in FIGURES:
            gl, lm, sq = g(f"gloss.{key}.{tag}"), g(f"lmdb.{key}.{tag}"), g(f"sqlite.{key}.{tag}")
            if gl is None and lm is None and sq is None:
                continue
            unit = units.get(f"gloss.{key}.{tag}") or units.get(f"lmdb.{key}.{tag}") or units.get(f"sqlite.{key}.{tag}")
            rows.append([description, unit, fmt(gl), fmt(lm), fmt(sq),
                         fmt_ratio(ratio(gl, lm, direction)), fmt_ratio(ratio(gl, sq, direction))])
        out.append(f"\nLibrary and store, {tag} spans (in-process, warm page cache)\n")
        out.append(table(rows, ["figure", "unit", "Gloss", "LMDB C", "SQLite C", "vs LMDB", "vs SQLite"], markdown))
        rows = []
        for key, description, direction in CLI_FIGURES:
            gl, lm = g(f"gloss_cli.{key}.{tag}"), g(f"lmdb_cli.{key}.{tag}")
            if gl is None and lm is None:
                continue
            unit = units.get(f"gloss_cli.{key}.{tag}") or units.get(f"lmdb_cli.{key}.{tag}")
            rows.append([description, unit, fmt(gl), fmt(lm), fmt_ratio(ratio(gl, lm, direction))])
        if rows:
            out.append(f"\nWhole processes streaming JSON lines, {tag} spans (gloss binary vs lmdb_bench stream)\n")
            out.append(table(rows, ["query", "unit", "gloss", "C (LMDB)", "vs C"], markdown))

    rows = []
    for name in sorted(k for k in figures if k.startswith(("gloss.allocs.", "gloss.extractor", "gloss.tokenize", "gloss.stages", "spacy.",
                                                           "gloss.annotate", "gloss_cli.annotate", "gloss_cli.cold",
                                                           "hello.cold", "true.cold", "gloss_cli.count"))):
        rows.append([name, units[name], fmt(figures[name])])
    if rows:
        out.append("\nExtraction, annotate, allocations, process start\n")
        out.append(table(rows, ["figure", "unit", "value"], markdown))

    out.append("\nTargets of issue 8 (ratios measured side by side in this run)\n")
    out.append(table(targets(figures), ["target", "figure", "measured", "needed", "met"], markdown))
    print("\n".join(out))


def targets(figures):
    g = figures.get
    rows = []

    def add(target, figure, value, needed, ok, unit="×", optional=False):
        if value is None:
            if not optional:
                rows.append([target, figure, "—", needed, "not measured"])
        else:
            shown = f"{value:.2f}{unit}" if unit == "×" else f"{fmt(value)} {unit}"
            rows.append([target, figure, shown, needed, "yes" if ok(value) else "NO"])

    for tag in tags_of(figures):
        def rel(key, base, direction):
            return ratio(g(f"gloss.{key}.{tag}"), g(f"{base}.{key}.{tag}"), direction)
        add("bulk ingest ≥ 0.6 × raw LMDB", f"ingest.bulk.{tag}", rel("ingest.bulk", "lmdb", HIGHER), "≥ 0.6×", lambda r: r >= 0.6)
        add("durable small batches ≥ 0.8 × raw LMDB", f"ingest.small.{tag}", rel("ingest.small", "lmdb", HIGHER), "≥ 0.8×", lambda r: r >= 0.8,
            optional=tag != "100k")
        for key in ("scan.all", "scan.label", "range.wide", "join.near"):
            add("scans/streaming ≥ 0.5 × raw LMDB", f"{key}.{tag}", rel(key, "lmdb", HIGHER), "≥ 0.5×", lambda r: r >= 0.5)
        for key in ("scan.all", "scan.label", "range.wide", "join.near"):
            add("JSONL streaming (gloss binary) ≥ 0.5 × C", f"cli {key}.{tag}",
                ratio(g(f"gloss_cli.{key}.{tag}"), g(f"lmdb_cli.{key}.{tag}"), HIGHER), "≥ 0.5×", lambda r: r >= 0.5)
        for key in ("doclabel.p50", "range.narrow.p50"):
            add("indexed queries p50 ≤ 1.5 × raw C latency", f"{key}.{tag}", rel(key, "lmdb", LOWER), "≥ 0.67× (speed)", lambda r: r >= 1 / 1.5)
        add("ingest ≥ 3 × SQLite", f"ingest.bulk.{tag}", rel("ingest.bulk", "sqlite", HIGHER), "≥ 3×", lambda r: r >= 3)
        add("ingest (small batches) ≥ 3 × SQLite", f"ingest.small.{tag}", rel("ingest.small", "sqlite", HIGHER), "≥ 3×", lambda r: r >= 3,
            optional=tag != "100k")
        add("scans ≥ 4 × SQLite", f"scan.all.{tag}", rel("scan.all", "sqlite", HIGHER), "≥ 4×", lambda r: r >= 4)
        add("scans ≥ 4 × SQLite", f"scan.label.{tag}", rel("scan.label", "sqlite", HIGHER), "≥ 4×", lambda r: r >= 4)
        add("aggregations ≥ 4 × SQLite", f"count.label.p50.{tag}", rel("count.label.p50", "sqlite", LOWER), "≥ 4×", lambda r: r >= 4)
        add("aggregations ≥ 4 × SQLite", f"count.value.{tag}", rel("count.value", "sqlite", LOWER), "≥ 4×", lambda r: r >= 4)
        for key in ("doclabel.p50", "range.narrow.p50"):
            add("indexed queries ≥ 1.5 × faster than SQLite", f"{key}.{tag}", rel(key, "sqlite", LOWER), "≥ 1.5×", lambda r: r >= 1.5)
        size = g(f"gloss.store.bytes_per_span.{tag}"), g(f"sqlite.store.bytes_per_span.{tag}")
        add("bytes/span within 1.2 × SQLite's", f"store.bytes_per_span.{tag}",
            size[0] / size[1] if all(size) else None, "≤ 1.2× (size ratio)", lambda r: r <= 1.2)
        alloc = g(f"gloss.allocs.scan.all.{tag}")
        add("no allocation per span on scans", f"allocs.scan.all.{tag}", alloc, "0 allocs/span", lambda r: r < 0.01, "allocs/span")
        anon = g(f"gloss_cli.scan.all.anon.{tag}")
        add("query streaming under 100 MB (anonymous RSS)", f"cli scan.all.anon.{tag}", anon, "< 100 MB", lambda r: r < 100, "MB")
        rss = g(f"gloss_cli.scan.all.rss.{tag}")
        add("query streaming under 100 MB (total RSS)", f"cli scan.all.rss.{tag}", rss, "< 100 MB", lambda r: r < 100, "MB")

    for tag in sorted({k.rsplit(".", 1)[1] for k in figures if k.startswith("gloss_cli.annotate.2core.chars.")}):
        chars = g(f"gloss_cli.annotate.2core.chars.{tag}")
        spacy = g(f"spacy.tokenizer.{tag}")
        add("annotate ≥ 10 × spaCy blank('ar') tokenizer", f"annotate.2core.{tag}", ratio(chars, spacy, HIGHER), "≥ 10×", lambda r: r >= 10)
        add("annotate ≥ 10 × spaCy tokenizer (issue's 1.3M chars/s)", f"annotate.2core.{tag}",
            chars / 1.3e6 if chars else None, "≥ 10×", lambda r: r >= 10)
        add("annotate ≥ 13M chars/s on both cores", f"annotate.2core.{tag}", chars, "≥ 13M chars/s", lambda r: r >= 13e6, "chars/s")
        rss = g(f"gloss_cli.annotate.2core.rss.{tag}")
        add("annotate peak RSS < 300 MB (issue: for 1 GB)", f"annotate.2core.rss.{tag}", rss, "< 300 MB", lambda r: r < 300, "MB")
        anon = g(f"gloss_cli.annotate.2core.anon.{tag}")
        add("annotate peak anonymous RSS < 300 MB", f"annotate.2core.anon.{tag}", anon, "< 300 MB", lambda r: r < 300, "MB")
    cold = g("gloss_cli.cold.p50.store")
    add("one-shot gloss query < 20 ms", "gloss_cli.cold.p50", cold, "< 20 ms", lambda r: r < 20, "ms")
    return rows


if __name__ == "__main__":
    main()
