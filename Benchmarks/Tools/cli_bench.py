#!/usr/bin/env python3
"""Whole-process measurements for the Gloss benchmarks, printed as `name value unit` lines.

  cli_bench.py stream NAME TAG [--repeats N] -- CMD...   first-line latency, lines/s, peak RSS
  cli_bench.py cold NAME TAG [--runs N] -- CMD...         one-shot wall time (median and min)
  cli_bench.py run NAME TAG [--bytes B] [--chars C] -- CMD...   wall time, MB/s, chars/s, peak RSS

Peak RSS is the child's ru_maxrss from wait4(), the figure `/usr/bin/time -v` prints as
"Maximum resident set size". It counts the pages of the memory-mapped store that the process
touched, so a full scan of a store shows about the store's size. The `.anon` figure is the
largest RssAnon (heap, stacks: memory the process allocated) seen by sampling
/proc/PID/status every 2 ms: what grows when memory is not flat. Output of the command is read
and discarded (stream) or sent to /dev/null (cold, run).
"""
import os
import statistics
import subprocess
import sys
import threading
import time


class AnonSampler:
    """Samples the child's RssAnon every 2 ms until stopped; keeps the largest value (kB)."""

    def __init__(self, pid):
        self.path = f"/proc/{pid}/status"
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while self.running:
            try:
                with open(self.path) as f:
                    for line in f:
                        if line.startswith("RssAnon:"):
                            self.peak = max(self.peak, int(line.split()[1]))
                            break
            except (FileNotFoundError, ProcessLookupError, ValueError):
                return
            time.sleep(0.002)

    def stop(self):
        self.running = False
        self.thread.join()
        return self.peak


def emit(name, value, unit):
    if value == int(value) and abs(value) < 1e15:
        text = str(int(value))
    elif abs(value) >= 100:
        text = f"{value:.1f}"
    else:
        text = f"{value:.4g}"
    print(f"{name} {text} {unit}", flush=True)


def parse(argv):
    if "--" not in argv:
        sys.exit("cli_bench.py: put the command after --")
    split = argv.index("--")
    head, command = argv[:split], argv[split + 1:]
    options = {}
    positional = []
    i = 0
    while i < len(head):
        if head[i].startswith("--"):
            options[head[i][2:]] = head[i + 1]
            i += 2
        else:
            positional.append(head[i])
            i += 1
    return positional, options, command


def wait_rusage(process):
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage


def stream(name, tag, options, command):
    repeats = int(options.get("repeats", 3))
    firsts, rates, rss, anon = [], [], 0, 0
    lines = 0
    for _ in range(repeats):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, bufsize=0)
        sampler = AnonSampler(process.pid)
        first = None
        count = 0
        pipe = process.stdout
        while True:
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            if first is None and b"\n" in chunk:
                first = time.perf_counter()
            count += chunk.count(b"\n")
        end = time.perf_counter()
        anon = max(anon, sampler.stop())
        usage = wait_rusage(process)
        if process.returncode != 0:
            sys.exit(f"cli_bench.py: {' '.join(command)} exited with {process.returncode}")
        firsts.append(((first or end) - start) * 1e6)
        rates.append(count / (end - start))
        rss = max(rss, usage.ru_maxrss)
        lines = count
    emit(f"{name}.{tag}", statistics.median(rates), "spans/s")
    emit(f"{name}.first.{tag}", statistics.median(firsts), "us")
    emit(f"{name}.rss.{tag}", rss / 1024, "MB")
    emit(f"{name}.anon.{tag}", anon / 1024, "MB")
    print(f"# {name} {tag}: {lines} lines", file=sys.stderr)


def cold(name, tag, options, command):
    runs = int(options.get("runs", 30))
    times = []
    for _ in range(runs + 2):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_rusage(process)
        times.append((time.perf_counter() - start) * 1e3)
        if process.returncode != 0:
            sys.exit(f"cli_bench.py: {' '.join(command)} exited with {process.returncode}")
    times = times[2:]  # the first runs warm the page cache
    emit(f"{name}.p50.{tag}", statistics.median(times), "ms")
    emit(f"{name}.min.{tag}", min(times), "ms")


def run(name, tag, options, command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    sampler = AnonSampler(process.pid)
    # Wait without reaping, so that the sampler can read /proc until the very end.
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    seconds = time.perf_counter() - start
    anon = sampler.stop()
    usage = wait_rusage(process)
    if process.returncode != 0:
        sys.exit(f"cli_bench.py: {' '.join(command)} exited with {process.returncode}")
    if "bytes" in options:
        emit(f"{name}.{tag}", int(options["bytes"]) / seconds / 1e6, "MB/s")
    if "chars" in options:
        emit(f"{name}.chars.{tag}", int(options["chars"]) / seconds, "chars/s")
    emit(f"{name}.seconds.{tag}", seconds, "s")
    emit(f"{name}.rss.{tag}", usage.ru_maxrss / 1024, "MB")
    emit(f"{name}.anon.{tag}", anon / 1024, "MB")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    mode, name, tag = sys.argv[1:4]
    _, options, command = parse(sys.argv[4:])
    {"stream": stream, "cold": cold, "run": run}[mode](name, tag, options, command)


if __name__ == "__main__":
    main()
