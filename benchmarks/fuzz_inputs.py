"""Fuzz campaign: every reader and the cleaner on mutated real articles, then the store.

Inputs are built from the real articles of ../shared/data (ecbplus, basil,
multinews): each written as plain text, an HTML page with menus and
teasers, a JSON Lines file, a JSON document, an RSS feed or an Atom feed;
encoded as UTF-8, latin-1, cp1252 or UTF-16 with a BOM, sometimes gzipped;
then mutated (bytes flipped, inserted, cut, a span repeated, two inputs
spliced, the head or tail cut off) or replaced by random bytes, an empty
file or a large one.  Each goes through the reader its name picks
(written to a file and read by ``newsfuse.ingest.read.read_inputs``, as
``newsfuse ingest`` reads it) and every article it yields through
``clean_article``.  A reader or the cleaner may refuse an input only with an
``ItemError`` (a reject with a reason); anything else raised is a crash,
and so is a reject with reason ``error`` (the reader's catch-all).  Ten
stress inputs come first (``stress_inputs``: deep nesting, a paragraph of
200k sentences, a 10 MB line, a 100k-cell table, entity expansion, 50k
records of one id).  Then a sample of the inputs is ingested into one store as files, and the
store must pass ``PRAGMA integrity_check`` with every article it reported
as added.

Prints a table per input format: inputs, valid ones (built and not
mutated) and how many of those were read, articles yielded, inputs and
records rejected, crashes, time per input (median and slowest), and inputs
that took 2 s or more.  The campaign is seeded: the same ``--seed`` and
``--inputs`` build the same inputs.

    python benchmarks/fuzz_inputs.py                      # 20,000 inputs
    python benchmarks/fuzz_inputs.py --inputs 2000 --seed 7
    python benchmarks/fuzz_inputs.py --json
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from itertools import chain
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
# ../shared/data beside the project; NEWSFUSE_BENCH_DATA names another copy.
DATA = Path(os.environ.get("NEWSFUSE_BENCH_DATA") or HERE.parents[1] / "shared" / "data")
SOURCES = ("ecbplus/articles.jsonl", "basil/articles.jsonl", "multinews_sample/clustering_view.jsonl")

FORMATS = ("txt", "html", "jsonl", "json", "rss", "atom")
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16")
# Shares of the inputs: left as built (a valid input), mutated, or not
# built from an article at all.
CLEAN_SHARE = 0.2
NOISE_SHARE = 0.05
# A few inputs are large, beyond the reader's cap (20 MB): random bytes or
# an article repeated, alternately 25 and 50 MB.
LARGE_BYTES = (25_000_000, 50_000_000)
LARGE_EVERY = 5000
SLOW_S = 2.0
STORE_SAMPLE = 300


def load_records(limit: int | None = None) -> list[dict]:
    """Return the real articles of the three clustering sets (title, text, source, url, date)."""
    records = []
    for name in SOURCES:
        path = DATA / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("text"):
                records.append(record)
    if not records:
        raise SystemExit(f"no articles found under {DATA} (set NEWSFUSE_BENCH_DATA)")
    return records[:limit] if limit else records


def render(record: dict, fmt: str, rng: random.Random) -> str:
    """Return one article as a document of format ``fmt``."""
    title, text = record.get("title") or "", record["text"]
    source, url, date = record.get("source") or "", record.get("url") or "", record.get("date") or ""
    if fmt == "txt":
        head = f"{title}\n\n" if title else ""
        dateline = f"Date: {date}\n\n" if rng.random() < 0.5 else ""
        return f"{head}{dateline}{text}\n"
    if fmt == "html":
        paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
        return (
            f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)} | "
            f"{html.escape(source)}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World"
            f"</a></nav><article><h1>{html.escape(title)}</h1><time>{html.escape(date)}</time>\n"
            f"{paragraphs}</article><aside><h2>Related</h2><ul><li><a href=\"/a\">Another story</a></li>"
            "</ul></aside><footer>Subscribe to our newsletter</footer></body></html>\n"
        )
    fields = {"id": record.get("id", ""), "title": title, "text": text, "source": source, "url": url, "date": date}
    if fmt == "jsonl":
        return json.dumps(fields, ensure_ascii=rng.random() < 0.5) + "\n"
    if fmt == "json":
        return json.dumps([fields] if rng.random() < 0.5 else {"articles": [fields]})
    body = escape(text)
    if fmt == "rss":
        return (
            f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{escape(source)}"
            f"</title><link>https://example.org/</link><item><title>{escape(title)}</title><link>"
            f"{escape(url or 'https://example.org/a')}</link><pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate>"
            f"<description>{body}</description></item></channel></rss>\n"
        )
    return (
        f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>"
        f"{escape(source)}</title><id>urn:x</id><updated>2021-09-06T16:45:00Z</updated><entry><title>"
        f"{escape(title)}</title><id>urn:{escape(str(record.get('id', '')))}</id><updated>2021-09-06T16:45:00Z"
        f"</updated><content type=\"text\">{body}</content></entry></feed>\n"
    )


def encode(document: str, encoding: str) -> bytes:
    """Return ``document`` in ``encoding`` (characters it cannot hold replaced), UTF-16 with its BOM."""
    if encoding == "utf-16":
        return document.encode("utf-16")  # with a BOM
    return document.encode(encoding, "replace")


def mutate(data: bytes, other: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Return ``data`` changed in one of several ways, and the way's name."""
    how = rng.choice(("flip", "insert", "delete", "repeat", "splice", "cut-head", "cut-tail", "nul", "mix"))
    size = len(data)
    if not size:
        return other, "splice"
    if how == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(size)] = rng.randrange(256)
        return bytes(out), how
    if how == "insert":
        at = rng.randrange(size + 1)
        return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:], how
    if how == "delete":
        start = rng.randrange(size)
        return data[:start] + data[start + rng.randint(1, max(1, size // 4)) :], how
    if how == "repeat":
        start = rng.randrange(size)
        span = data[start : start + rng.randint(1, 400)]
        return data[:start] + span * rng.randint(2, 50) + data[start:], how
    if how == "splice":
        return data[: rng.randrange(size + 1)] + other[rng.randrange(len(other) + 1) :], how
    if how == "cut-head":
        return data[rng.randrange(size) :], how
    if how == "cut-tail":
        return data[: rng.randrange(size)], how
    if how == "nul":
        at = rng.randrange(size + 1)
        return data[:at] + b"\x00" * rng.randint(1, 16) + data[at:], how
    # mix: a part in another encoding (mixed encodings in one file)
    at = rng.randrange(size + 1)
    return data[:at] + other.decode("utf-8", "replace").encode(rng.choice(("latin-1", "cp1252")), "replace") + data[at:], how


def stress_inputs(records: list[dict]):
    """Yield ``(name, data, kind)`` for inputs made to find work that grows faster than the input.

    Each is a few MB at most, under the reader's cap: deep nesting, one
    paragraph of 200k sentences, a 10 MB line, a table of 100k cells, many
    entities, an entity expansion ("billion laughs") in a feed, 3000
    paragraphs, 50k records of one id.
    """
    text = records[0]["text"].replace("\n", " ")[:600]
    body = "<p>" + html.escape(text) + "</p>"
    lol = "".join(
        f'<!ENTITY lol{k} "{("&lol" + str(k - 1) + ";") * 10}">' for k in range(2, 10)
    )
    yield "deep.html", f"<html><body>{'<div>' * 20000}{body}{'</div>' * 20000}</body></html>".encode(), "html/stress"
    yield "unclosed.html", f"<html><body>{'<div><span>' * 20000}{body}".encode(), "html/stress"
    yield "paragraphs.html", f"<html><body><article>{body * 3000}</article></body></html>".encode(), "html/stress"
    yield "table.html", f"<html><body><table>{('<tr>' + '<td>x</td>' * 50 + '</tr>') * 2000}</table>{body}</body></html>".encode(), "html/stress"
    yield "entities.html", f"<html><body><p>{'&amp;&lt;&#x1F600;&#0;&#xD800;' * 50000}</p>{body}</body></html>".encode(), "html/stress"
    yield "laughs.xml", (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY lol1 "lol">{lol}]><rss version="2.0"><channel>'
        f"<title>&lol9;</title><item><title>x</title><description>{escape(text)}</description></item></channel></rss>"
    ).encode(), "rss/stress"
    yield "sentences.jsonl", json.dumps({"id": "a", "text": "Sentence one. " * 200_000}).encode(), "jsonl/stress"
    yield "same-id.jsonl", (json.dumps({"id": "same", "text": text}) + "\n").encode() * 50_000, "jsonl/stress"
    yield "line.txt", ("Title\n\n" + "word " * 2_000_000).encode(), "txt/stress"
    yield "commas.txt", ("Title\n\n" + "word, " * 300_000).encode(), "txt/stress"


def build_inputs(records: list[dict], count: int, seed: int):
    """Yield ``(name, data, kind)`` for ``count`` inputs; ``kind`` says how each was made."""
    rng = random.Random(seed)
    suffix = {"txt": ".txt", "html": ".html", "jsonl": ".jsonl", "json": ".json", "rss": ".xml", "atom": ".xml"}
    for number in range(count):
        fmt = rng.choice(FORMATS)
        name = f"input-{number:06d}{suffix[fmt]}"
        if number and number % LARGE_EVERY == 0:
            size = LARGE_BYTES[(number // LARGE_EVERY) % 2]
            unit = rng.randbytes(64) if rng.random() < 0.5 else encode(render(rng.choice(records), fmt, rng), "utf-8")
            yield name, (unit * (size // len(unit) + 1))[:size], f"{fmt}/large"
            continue
        roll = rng.random()
        if roll < NOISE_SHARE:
            choice = rng.choice(("empty", "random", "spaces"))
            data = b"" if choice == "empty" else rng.randbytes(rng.randint(1, 4000)) if choice == "random" else b" \n\t" * 50
            yield name, data, f"{fmt}/{choice}"
            continue
        record, other = rng.choice(records), rng.choice(records)
        encoding = rng.choice(ENCODINGS) if fmt in ("txt", "html", "jsonl", "json") else "utf-8"
        data = encode(render(record, fmt, rng), encoding)
        kind = f"{fmt}/{encoding}"
        if roll >= NOISE_SHARE + CLEAN_SHARE:
            data, how = mutate(data, encode(render(other, rng.choice(FORMATS), rng), "utf-8"), rng)
            kind += f"/{how}"
        if rng.random() < 0.05:
            data, name = gzip.compress(data, mtime=0), name + ".gz"
            kind += "/gz"
        yield name, data, kind


def run_one(name: str, data: bytes, settings, folder: Path) -> dict:
    """Read one input as a file, as ``newsfuse ingest`` does, and clean its articles; never raises.

    The file reader (``read_inputs``) records an unexpected exception of a
    reader as a reject with reason ``error`` so that the batch goes on: here
    that is a crash, as is anything the cleaner raises but ``ItemError``.
    """
    from newsfuse.clean import clean_article
    from newsfuse.errors import ItemError
    from newsfuse.ingest.read import read_inputs
    from newsfuse.pipeline import StageContext

    path = folder / name
    path.write_bytes(data)
    ctx = StageContext(settings)
    outcome = {"articles": 0, "records_rejected": 0, "rejected": "", "crash": ""}
    started = time.perf_counter()
    try:
        for article in read_inputs([str(path)], settings.ingest, ctx):
            outcome["articles"] += 1
            try:
                clean_article(article, settings.clean)
            except ItemError as exc:
                outcome["records_rejected"] += 1
                outcome.setdefault("clean_reasons", []).append(exc.reason)
    except Exception:  # noqa: BLE001 - the point: anything raised here is a crash
        outcome["crash"] = traceback.format_exc(limit=6)
    outcome["seconds"] = time.perf_counter() - started
    path.unlink()
    for rejection in ctx.report.rejections:
        if rejection.reason == "error":
            outcome["crash"] = outcome["crash"] or rejection.detail
        elif rejection.item == str(path):  # the whole input
            outcome["rejected"] = rejection.reason
        else:  # one record or entry in it
            outcome["records_rejected"] += 1
    return outcome


def run_store(inputs: list[tuple[str, bytes]], settings) -> dict:
    """Ingest ``inputs`` as files into a new store; return counts and the integrity check."""
    from newsfuse.store import Store

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "in"
        root.mkdir()
        for name, data in inputs:
            (root / name).write_bytes(data)
        db = Path(folder) / "fuzz.db"
        started = time.perf_counter()
        crash = ""
        try:
            with Store.open(db, settings) as store:
                report = store.ingest([root], settings)
                counts = store.counts()
        except Exception:  # noqa: BLE001
            crash = traceback.format_exc(limit=8)
            report, counts = None, {}
        seconds = time.perf_counter() - started
        connection = sqlite3.connect(db)
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        connection.close()
    return {
        "files": len(inputs),
        "added": report.added if report else 0,
        "rejected": report.rejected if report else 0,
        "stored": stored,
        "integrity": integrity,
        "crash": crash,
        "seconds": seconds,
        "consistent": bool(report) and stored == report.added == counts.get("articles"),
    }


def campaign(
    count: int, seed: int, *, store_sample: int = STORE_SAMPLE, with_stress: bool = True, progress: bool = False
) -> dict:
    """Run the campaign; return per-format rows, the store check and the crashes."""
    from newsfuse.config import load_settings

    settings = load_settings()
    records = load_records()
    rows: dict[str, dict] = defaultdict(lambda: {"inputs": 0, "valid": 0, "valid read": 0, "articles": 0,
                                                 "rejected": 0, "records rejected": 0, "crashes": 0, "times": [],
                                                 "slow": 0})
    crashes: list[dict] = []
    slow: list[dict] = []
    reasons: Counter[str] = Counter()
    sample: list[tuple[str, bytes]] = []
    rng = random.Random(seed + 1)
    started = time.perf_counter()
    scratch = tempfile.TemporaryDirectory()
    inputs = chain(stress_inputs(records) if with_stress else (), build_inputs(records, count, seed))
    for number, (name, data, kind) in enumerate(inputs, start=1):
        outcome = run_one(name, data, settings, Path(scratch.name))
        row = rows[kind.split("/")[0]]
        row["inputs"] += 1
        if kind.count("/") == 1 and kind.endswith(ENCODINGS):  # built, not mutated: must be read
            row["valid"] += 1
            row["valid read"] += outcome["articles"] > 0 and not outcome["records_rejected"] - len(
                outcome.get("clean_reasons", [])
            )
        row["articles"] += outcome["articles"]
        row["rejected"] += bool(outcome["rejected"])
        row["records rejected"] += outcome["records_rejected"]
        row["times"].append(outcome["seconds"])
        row["slow"] += outcome["seconds"] >= SLOW_S
        if outcome["seconds"] >= SLOW_S:
            slow.append({"name": name, "kind": kind, "bytes": len(data), "articles": outcome["articles"],
                         "seconds": round(outcome["seconds"], 2)})
        reasons.update([outcome["rejected"]] if outcome["rejected"] else [])
        reasons.update(outcome.get("clean_reasons", []))
        if outcome["crash"]:
            row["crashes"] += 1
            crashes.append({"name": name, "kind": kind, "traceback": outcome["crash"]})
        if len(data) < 1_000_000 and len(sample) < store_sample and rng.random() < store_sample / count * 2:
            sample.append((name, data))
        if progress and number % 1000 == 0:
            print(f"{number:,} inputs, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    scratch.cleanup()
    table = []
    for fmt in sorted(rows):
        row = rows[fmt]
        times = row.pop("times")
        table.append({"format": fmt, **row, "median ms": 1000 * statistics.median(times), "slowest s": max(times)})
    total_times = [r["slowest s"] for r in table]
    table.append({
        "format": "all",
        **{k: sum(r[k] for r in table) for k in table[0] if isinstance(table[0][k], int)},
        "median ms": float("nan"),
        "slowest s": max(total_times),
    })
    return {
        "seed": seed,
        "seconds": time.perf_counter() - started,
        "rows": table,
        "reasons": dict(reasons.most_common()),
        "crashes": crashes,
        "slow": slow,
        "store": run_store(sample, settings) if store_sample else None,
    }


def _table(rows: list[dict]) -> str:
    keys = list(rows[0])

    def cell(value) -> str:
        if isinstance(value, float):
            return "–" if value != value else f"{value:,.2f}"
        return f"{value:,}" if isinstance(value, int) else str(value)

    widths = [max(len(k), *(len(cell(r[k])) for r in rows)) for k in keys]
    lines = ["| " + " | ".join(k.ljust(w) for k, w in zip(keys, widths)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(cell(r[k]).rjust(w) for k, w in zip(keys, widths)) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=20_000, help="inputs to build and read")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store-sample", type=int, default=STORE_SAMPLE, help="inputs also ingested into a store")
    parser.add_argument("--no-stress", action="store_true", help="leave out the stress inputs (stress_inputs)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = campaign(
        args.inputs, args.seed, store_sample=args.store_sample, with_stress=not args.no_stress,
        progress=sys.stderr.isatty(),
    )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(_table(result["rows"]))
        print(f"\nseed {result['seed']}; {result['seconds']:.0f} s; rejection reasons: {result['reasons']}")
        store = result["store"]
        if store:
            print(
                f"store: {store['files']} files ingested in {store['seconds']:.1f} s, {store['added']} added, "
                f"{store['rejected']} rejected, integrity_check {store['integrity']}, "
                f"consistent {store['consistent']}" + (f"\n{store['crash']}" if store["crash"] else "")
            )
        for entry in result["slow"]:
            print(
                f"{entry['seconds']} s: {entry['name']} ({entry['kind']}, {entry['bytes']:,} bytes, "
                f"{entry['articles']:,} articles)"
            )
        for crash in result["crashes"][:5]:
            print(f"\nCRASH {crash['name']} ({crash['kind']}):\n{crash['traceback']}")
    crashed = result["crashes"] or (result["store"] and (result["store"]["crash"] or result["store"]["integrity"] != "ok"))
    sys.exit(1 if crashed else 0)


if __name__ == "__main__":
    main()
