#!/usr/bin/env python3
"""Annotate a JSON-lines corpus on Spark, with `gloss annotate --emit jsonl` as the streaming filter.

Each partition of the corpus ({"id": ..., "text": ..., "meta": {...}} per line) is piped through
the gloss binary, which must be installed at the same path on every worker (local mode: this
machine). The spans come back as JSON lines — the format of `gloss query --format jsonl` — and are
written as JSON-lines partitions (for `gloss import` or any data-lake engine) and, with --parquet,
as Parquet too.

    python3 scripts/spark-annotate.py --input corpus.jsonl --output spans/ --master 'local[2]'

Needs the `pyspark` package (pip install pyspark) and Java 17.
"""
import argparse
import json
import os
import shlex
import shutil
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True, help="JSON-lines corpus (a file, a directory or a glob Spark can read)")
    parser.add_argument("--output", required=True, help="directory for the spans (jsonl/ and parquet/ inside); replaced if it exists")
    parser.add_argument("--gloss", default=shutil.which("gloss") or ".build/debug/gloss", help="path of the gloss binary on the workers")
    parser.add_argument("--extractors", default=None, help="comma-separated extractors, as for gloss annotate")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    parser.add_argument("--partitions", type=int, default=None, help="minimum number of input partitions")
    parser.add_argument("--parquet", action="store_true", help="also write Parquet")
    args = parser.parse_args()

    from pyspark.sql import SparkSession  # imported late so --help works without pyspark

    gloss = os.path.abspath(args.gloss)
    if not os.access(gloss, os.X_OK):
        sys.exit(f"spark-annotate: {gloss} is not an executable gloss binary (build it with `swift build`, or pass --gloss)")
    command = [gloss, "annotate", "--emit", "jsonl"]
    if args.extractors:
        command += ["--extractors", args.extractors]
    command.append("-")

    spark = (SparkSession.builder.master(args.master).appName("gloss-annotate")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.time()
    corpus = spark.sparkContext.textFile(args.input, minPartitions=args.partitions or spark.sparkContext.defaultParallelism)
    spans = corpus.pipe(" ".join(shlex.quote(part) for part in command), checkCode=True)
    if os.path.exists(args.output):
        shutil.rmtree(args.output)
    jsonl = os.path.join(args.output, "jsonl")
    spans.saveAsTextFile(jsonl)
    if args.parquet:
        spark.read.json(jsonl).write.parquet(os.path.join(args.output, "parquet"))
    elapsed = time.time() - started
    characters = corpus.map(lambda line: len(json.loads(line).get("text", ""))).sum()
    documents = corpus.count()
    count = spark.read.text(jsonl).count()
    print(json.dumps({"documents": documents, "characters": characters, "spans": count, "seconds": round(elapsed, 2),
                      "chars_per_second": round(characters / elapsed), "master": args.master}))
    spark.stop()


if __name__ == "__main__":
    main()
