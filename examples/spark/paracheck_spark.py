#!/usr/bin/env python3
"""paracheck as a stage of Apache Spark: JSONL pairs piped through one paracheck
process per partition with rdd.pipe(), findings collected in input order.

    python3 paracheck_spark.py IN.jsonl OUT.jsonl [--master local[2]]
        [--partitions N] [--paracheck BIN] [-- PARACHECK-OPTIONS...]

OUT.jsonl is what `paracheck check IN.jsonl --format jsonl PARACHECK-OPTIONS` writes
on one machine, byte for byte: the findings in input order, then the summary line.
For that, each record is given its position in the whole file before it is piped
(`pair_index`: its place among the records, `source_line`: its line), the processes
read standard input under the file's name (`--stdin-filename`), and their summary
lines are added up. Give --source-lang and --target-lang among the options: each
process would otherwise detect the languages from its own partition.

The recipe, and a measured run, are in docs/scale.md.
"""

import argparse
import json
import shlex
import shutil
import sys
import time


def positioned(item):
    """A record with its position in the whole file: ((line, line_index), pair_index)."""
    (line, line_index), pair_index = item
    if line_index == 0:
        line = line.lstrip("\ufeff")
    try:
        record = json.loads(line)
    except ValueError as e:
        raise ValueError(f"line {line_index + 1}: not valid JSON: {e}") from None
    if not isinstance(record, dict):
        raise ValueError(f"line {line_index + 1}: not a JSON object")
    record["pair_index"] = pair_index
    record["source_line"] = line_index + 1
    return json.dumps(record, ensure_ascii=False)


def add_summaries(total, summary):
    """Adds one process's summary into `total` (same keys, same order)."""
    if total is None:
        return json.loads(json.dumps(summary))
    for key, value in summary.items():
        if isinstance(value, dict):
            add_summaries(total[key], value)
        else:
            total[key] += value
    return total


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Options for paracheck check go after --.",
    )
    ap.add_argument("input", help="JSONL pairs (source, target, optional id)")
    ap.add_argument("output", help="where the findings go, as paracheck's JSONL report")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--partitions", type=int, default=None, help="input partitions")
    ap.add_argument("--paracheck", default=shutil.which("paracheck"), help="the paracheck binary")
    argv = sys.argv[1:]
    options = argv[argv.index("--") + 1 :] if "--" in argv else []
    a = ap.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    a.options = options
    if not a.paracheck:
        sys.exit("paracheck_spark: no paracheck binary; pass --paracheck PATH")

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(a.master)
        .appName("paracheck")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    started = time.monotonic()
    try:
        lines = sc.textFile(a.input, minPartitions=a.partitions)
        # Line numbers first (blank lines count), then record numbers (they do not).
        records = (
            lines.zipWithIndex()
            .filter(lambda t: t[0].strip())
            .zipWithIndex()
            .map(positioned)
        )
        # rdd.pipe runs the command without a shell and with an empty environment:
        # the binary needs an absolute path. One thread per process: Spark runs one
        # process per core.
        command = [
            a.paracheck, "check", "-",
            "--input-format", "jsonl", "--format", "jsonl",
            "--stdin-filename", a.input,
            "--exit-zero", "--quiet", "--jobs", "1",
        ] + a.options
        out = records.pipe(shlex.join(command), checkCode=True)
        findings, summary, head = [], None, None
        # collect() runs the partitions in parallel and returns them in order, and
        # the findings of each in order: the findings come back in input order.
        for line in out.collect():
            if line.startswith('{"code":'):
                findings.append(line)
            else:
                doc = json.loads(line)
                head = head or doc["paracheck"]
                summary = add_summaries(summary, doc["summary"])
        partitions = records.getNumPartitions()
        seconds = time.monotonic() - started
    finally:
        spark.stop()
    if summary is None:
        sys.exit("paracheck_spark: no summary came back (no partition ran paracheck)")
    with open(a.output, "w", encoding="utf-8") as f:
        for line in findings:
            f.write(line + "\n")
        f.write(
            json.dumps({"paracheck": head, "summary": summary}, ensure_ascii=False, separators=(",", ":"))
            + "\n"
        )
    print(
        f"paracheck_spark: {partitions} partitions, {summary['pairs']} pairs, "
        f"{summary['findings']} findings, {seconds:.1f} s after Spark started",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
