#!/usr/bin/env python3
"""spaCy reference figures on the same generated texts as Gloss (issue 8 compares annotate
with spaCy's blank("ar") tokenizer and a 5,000-pattern entity ruler).

  spacy_bench.py TEXTS_DIR CORPUS_DIR TAG [--mb M]

Prints `spacy.tokenizer.TAG` and `spacy.ruler.TAG` in chars/s (code points, as Gloss counts).
Prints nothing but a note when spaCy is not installed (`pip install spacy`): the summary then
has no spaCy ratio.
"""
import os
import sys
import time


def emit(name, value, unit):
    print(f"{name} {value:.1f} {unit}", flush=True)


def load_texts(directory, megabytes):
    paths = []
    for root, _, files in os.walk(directory):
        paths += [os.path.join(root, f) for f in files if f.endswith(".txt")]
    texts, size = [], 0
    for path in sorted(paths):
        if size >= megabytes * 1_000_000:
            break
        with open(path, encoding="utf-8") as f:
            text = f.read()
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def patterns(corpus, count=5000):
    """Person and place phrases built from the corpus word lists."""
    def rows(name):
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            return [line.rstrip("\n").split("\t") for line in f if line.strip()]
    given, family = rows("given_ar.tsv"), rows("family_ar.tsv")
    phrases = [(p[3], "PLACE") for p in rows("places.tsv")] + [(p[4], "PLACE") for p in rows("places.tsv")]
    phrases += [(f"{g[0]} {f[0]}", "PERSON") for g in given for f in family]
    phrases += [(f"{g[1]} {f[1]}", "PERSON") for g in given for f in family]
    phrases += [(f"{g[0]} {h[0]} {f[0]}", "PERSON") for g in given for h in given for f in family]
    return [{"label": label, "pattern": text} for text, label in phrases[:count]]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    texts_dir, corpus, tag = sys.argv[1:4]
    megabytes = int(sys.argv[sys.argv.index("--mb") + 1]) if "--mb" in sys.argv else 4
    try:
        import spacy
    except ImportError:
        print("# spaCy is not installed: no spaCy reference figures (pip install spacy)", file=sys.stderr)
        return
    texts = load_texts(texts_dir, megabytes)
    chars = sum(len(t) for t in texts)
    nlp = spacy.blank("ar")
    nlp.tokenizer(texts[0])  # warm up
    start = time.perf_counter()
    tokens = sum(len(nlp.tokenizer(t)) for t in texts)
    emit(f"spacy.tokenizer.{tag}", chars / (time.perf_counter() - start), "chars/s")
    # A fresh pipeline: the tokenizer above has cached every word of these texts by now.
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns(corpus))
    start = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    emit(f"spacy.ruler.{tag}", chars / (time.perf_counter() - start), "chars/s")
    print(f"# spacy {spacy.__version__}: {len(texts)} texts, {chars} chars, {tokens} tokens, {entities} entities, "
          f"{len(ruler.patterns)} patterns", file=sys.stderr)


if __name__ == "__main__":
    main()
