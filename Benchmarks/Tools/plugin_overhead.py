#!/usr/bin/env python3
"""Per-document overhead of an out-of-process plugin (issue 7), as `name value unit` lines.

    plugin_overhead.py GLOSS WORKDIR [--docs N]

Annotates N short documents three times, each into a fresh store: with no extractor (the cost
of reading and storing the documents), with a do-nothing plugin written in Python, and — when
the example package has been built — with the Swift example plugin (Examples/plugins/swift-hello).
The difference to the first run divided by N is what the plugin protocol costs per document:
JSON encoding and decoding on both sides, the pipes, and the plugin's own loop; it includes the
plugin's start-up and handshake, spread over the documents.
"""
import json
import os
import shutil
import subprocess
import sys
import time

NULL_PLUGIN = r'''
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": 1, "id": "null", "version": "1", "labels": ["NOTHING"]}), flush=True)
    elif m["type"] == "document":
        print(json.dumps({"type": "spans", "seq": m["seq"], "spans": []}), flush=True)
    elif m["type"] == "bye":
        break
'''


def run(gloss, store, extractors, corpus):
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    with open(corpus, "rb") as stdin:
        subprocess.run([gloss, "annotate", "--store", store, "--extractors", extractors, "-"], stdin=stdin,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    gloss, work = sys.argv[1], sys.argv[2]
    docs = int(sys.argv[sys.argv.index("--docs") + 1]) if "--docs" in sys.argv else 2000
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "plugin-docs.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for i in range(docs):
            f.write(json.dumps({"id": f"doc-{i}", "text": f"وصل {i} جندي إلى بغداد يوم الأحد. Document {i} of the plugin benchmark."},
                               ensure_ascii=False) + "\n")
    plugin = os.path.join(work, "null_plugin.py")
    with open(plugin, "w") as f:
        f.write(NULL_PLUGIN)
    registry = os.path.join(work, "registry")
    shutil.rmtree(registry, ignore_errors=True)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    hello = os.path.join(root, "Examples/plugins/swift-hello/.build/debug/SwiftHello")
    plugins = [("python", ["--", "python3", plugin], "null")]
    if os.access(hello, os.X_OK):
        plugins.append(("swift", [hello], "swift-hello"))

    def best(extractors, store):
        return min(run(gloss, store, extractors, corpus) for _ in range(3))

    for name, command, plugin_id in plugins:
        # Registration lives in the store: register into each fresh store before timing.
        def timed():
            times = []
            for _ in range(3):
                store = os.path.join(work, f"store-{name}")
                shutil.rmtree(store, ignore_errors=True)
                subprocess.run([gloss, "plugins", "add", "--store", store] + command, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                start = time.perf_counter()
                with open(corpus, "rb") as stdin:
                    subprocess.run([gloss, "annotate", "--store", store, "--extractors", plugin_id, "-"], stdin=stdin,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                times.append(time.perf_counter() - start)
            return min(times)
        base = best("none", os.path.join(work, "store-none"))
        with_plugin = timed()
        per_doc = (with_plugin - base) / docs * 1e6
        print(f"plugin.{name}.overhead_per_doc {per_doc:.1f} us", flush=True)
        print(f"plugin.{name}.docs_per_s {docs / with_plugin:.0f} docs/s", flush=True)
    shutil.rmtree(registry, ignore_errors=True)


if __name__ == "__main__":
    main()
