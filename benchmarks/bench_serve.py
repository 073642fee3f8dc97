"""Web server benchmark: requests/s, p50/p99 latency and errors under 64 concurrent clients.

Builds (once, then reuses) a store of N articles: the real story clusters of
../shared/data (ecbplus, basil, multinews) repeated under new ids, outlets
and times until N articles, each repeat carrying its template's brief with
ids renamed.  Briefs come from ``newsfuse.brief.build_briefs`` on each
template (built once per template).  Then starts ``newsfuse serve`` on
127.0.0.1 in a subprocess and drives it with keep-alive HTTP/1.1 clients
(plain asyncio, so the load generator stays light on a small machine) for a
bounded time per endpoint:

- ``list``: the story list, first 50 pages at random;
- ``story``: story pages of random stories (most are not in the page cache);
- ``json``: ``/api/stories/{id}`` of random stories;
- ``api-list``: ``/api/stories``, first 50 pages at random;
- ``search``: ``/api/stories?q=WORD`` for words drawn from the stories'
  headlines (full-text search over article titles and text; not in the
  default set, since each distinct query is answered once, then cached).

    python benchmarks/bench_serve.py                     # 100k articles, 10 s per endpoint
    python benchmarks/bench_serve.py --articles 20000 --seconds 5 --db bench-serve.db
    python benchmarks/bench_serve.py --json              # machine-readable results

Targets (issue "newsfuse serve"): JSON >= 1,000 req/s, p99 < 50 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = (
    DATA / "ecbplus" / "articles.jsonl",
    DATA / "basil" / "articles.jsonl",
    DATA / "multinews_sample" / "clustering_view.jsonl",
)
SEEDS = ROOT / "examples" / "seeds"

# Outlets the repeats are spread over; a few busy ones and a long tail
# (weights ~ 1/rank), like a real feed mix.
OUTLET_COUNT = 80
# Repeats' activity times spread over this many days before now.
SPREAD_DAYS = 30
STORIES_PER_TRANSACTION = 1000


# ------------------------------------------------------------------ store

def _templates() -> list[list[dict]]:
    """Return the real story clusters (lists of article dicts), or the seeds as one."""
    clusters: dict[str, list[dict]] = defaultdict(list)
    for path in SOURCES:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                if item.get("text", "").strip():
                    clusters[f"{path.parent.name}/{item['cluster']}"].append(item)
    if clusters:
        return [clusters[key] for key in sorted(clusters)]
    print(f"note: {DATA} not found; the store repeats the seeds", file=sys.stderr)
    seeds = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        seeds.append({"id": path.stem, "title": text.splitlines()[0], "text": text, "source": path.stem})
    return [seeds]


def _simple_briefs(stories, by_id):
    """Return stand-in briefs (first sentences as points) when newsfuse.brief cannot build any."""
    from newsfuse.models import Brief, Evidence, Point

    briefs = []
    for story in stories:
        articles = tuple(by_id[i] for i in story.article_ids)
        points = tuple(
            Point(s.text, (a.source,), (Evidence(a.id, s.start, s.end),), 1.0)
            for a in articles
            for s in a.sentences[:2]
        )
        first = articles[0]
        summary = " ".join(s.text for s in first.sentences[:2])
        briefs.append(
            Brief(
                id=story.id, headline=first.title, headline_source=first.source, headline_article=first.id,
                summary=summary, summary_evidence=tuple(p.evidence[0] for p in points[:2]),
                articles=articles, key_points=points[:8], unique=points[8:10], disputes=(), quotes=(),
                entities=(),
            )
        )
    return briefs


def _template_briefs(templates: list[list[dict]]):
    """Return ``[(clean articles, brief)]`` per template, briefs built by newsfuse.brief."""
    try:
        from newsfuse.brief import build_briefs
    except ImportError:
        print("note: newsfuse.brief.build_briefs is missing; using stand-in briefs", file=sys.stderr)
        build_briefs = None
    from newsfuse.clean import clean_article
    from newsfuse.config import Settings
    from newsfuse.models import Article, Story

    settings = Settings()
    cleaned: list[list] = []
    stories = []
    for number, items in enumerate(templates):
        articles = []
        for index, item in enumerate(items):
            article = Article(
                id=f"t{number}-{index}",
                source=item.get("source") or f"source-{index}",
                title=item.get("title", ""),
                text=item["text"],
                url=item.get("url", ""),
                date=item.get("date", ""),
            )
            try:
                articles.append(clean_article(article, settings.clean))
            except Exception:  # noqa: BLE001 - a template article the cleaner refuses: leave it out
                continue
        if articles:
            cleaned.append(articles)
            stories.append(Story(id=f"t{number}", article_ids=tuple(a.id for a in articles)))
    by_id = {a.id: a for articles in cleaned for a in articles}
    started = time.perf_counter()
    built = build_briefs(stories, by_id, settings.brief) if build_briefs else _simple_briefs(stories, by_id)
    briefs = {b.id: b for b in built}
    print(f"built {len(briefs)} template briefs in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return [(articles, briefs[story.id]) for articles, story in zip(cleaned, stories) if story.id in briefs]


def _renamed_brief(brief, story_id: str, article_ids: dict[str, str], outlets: dict[str, str], articles):
    """Return ``brief`` for a repeat: new story id, article ids and outlet names."""
    from newsfuse.models import Evidence

    def evidence(items):
        return tuple(Evidence(article_ids[e.article], e.start, e.end) for e in items)

    def names(sources):
        return tuple(dict.fromkeys(outlets.get(s, s) for s in sources))

    def point(p):
        return dataclasses.replace(p, sources=names(p.sources), evidence=evidence(p.evidence))

    def version(v):
        return dataclasses.replace(v, sources=names(v.sources), evidence=evidence(v.evidence))

    return dataclasses.replace(
        brief,
        id=story_id,
        headline_source=outlets.get(brief.headline_source, brief.headline_source),
        headline_article=article_ids.get(brief.headline_article, brief.headline_article),
        summary_evidence=evidence(brief.summary_evidence),
        articles=tuple(articles),
        key_points=tuple(point(p) for p in brief.key_points),
        unique=tuple(point(p) for p in brief.unique),
        disputes=tuple(
            dataclasses.replace(d, versions=tuple(version(v) for v in d.versions)) for d in brief.disputes
        ),
        quotes=tuple(
            dataclasses.replace(
                q, sources=names(q.sources), versions=tuple(version(v) for v in q.versions)
            )
            for q in brief.quotes
        ),
        entities=tuple(dataclasses.replace(e, sources=names(e.sources)) for e in brief.entities),
        duplicates=tuple(tuple(article_ids[a] for a in group) for group in brief.duplicates),
    )


def build_store(path: Path, article_target: int, seed: int = 7) -> dict[str, int]:
    """Fill a new store at ``path`` with ``article_target`` articles and their briefs; return counts."""
    from newsfuse.store import Store, queries
    from newsfuse.store.queries import renamed
    from newsfuse.store.sqlite import write_transaction

    rng = random.Random(seed)
    templates = _template_briefs(_templates())
    outlet_names = [f"The Example Outlet {n:02d}" for n in range(1, OUTLET_COUNT + 1)]
    weights = [1.0 / rank for rank in range(1, OUTLET_COUNT + 1)]
    now = time.time()
    started = time.perf_counter()
    article_count = story_count = 0
    with Store.open(path) as store:
        connection = store.connection
        while article_count < article_target:
            with write_transaction(connection):
                for _ in range(STORIES_PER_TRANSACTION):
                    if article_count >= article_target:
                        break
                    articles, brief = templates[story_count % len(templates)]
                    story_id = f"{story_count:012x}"
                    moment = now - rng.random() * SPREAD_DAYS * 86400
                    story_key = connection.execute(
                        "INSERT INTO stories (id, created_at, updated_at, last_date, centroid) "
                        "VALUES (?, ?, ?, '', '{}')",
                        (story_id, moment, moment),
                    ).lastrowid
                    picked = rng.choices(outlet_names, weights, k=len({a.source for a in articles}))
                    outlets = dict(zip(dict.fromkeys(a.source for a in articles), picked))
                    article_ids: dict[str, str] = {}
                    copies = []
                    for article in articles:
                        new_id = f"{article.id}-{story_count}"
                        article_ids[article.id] = new_id
                        copy = dataclasses.replace(
                            renamed(article, new_id),
                            source=outlets[article.source],
                            url=f"{article.url}#repeat-{story_count}-{len(copies)}" if article.url else "",
                        )
                        digest = f"{story_count:012x}{len(copies):04x}"
                        queries.insert_article(
                            connection, copy, queries.encode_article(copy, copy.text), digest, story_key, moment
                        )
                        queries.add_article_to_story(connection, story_key, copy, moment, is_new=True)
                        copies.append(copy)
                    version = queries.story_version(connection, story_key)
                    queries.save_brief(
                        connection,
                        story_key,
                        version,
                        _renamed_brief(brief, story_id, article_ids, outlets, copies),
                        moment,
                    )
                    article_count += len(copies)
                    story_count += 1
                queries.index_new_articles(connection)  # the search box's full-text index
            print(f"  {article_count:,} articles, {story_count:,} stories", file=sys.stderr, end="\r")
        counts = store.counts()
    print(f"\nbuilt the store in {time.perf_counter() - started:.1f} s: {counts}", file=sys.stderr)
    return counts


# ------------------------------------------------------------------ load

@dataclasses.dataclass
class Result:
    """One endpoint's numbers.

    ``server_cpu_s`` is the CPU time the server's processes spent meanwhile:
    CPU ms per request is the cost of an endpoint even on a busy machine,
    where requests/s and latency also measure the neighbours.
    """

    endpoint: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    server_cpu_s: float = float("nan")

    def row(self) -> dict[str, float | int | str]:
        ordered = sorted(self.latencies_ms) or [float("nan")]
        return {
            "endpoint": self.endpoint,
            "requests": self.requests,
            "req_per_s": round(self.requests / self.seconds, 1),
            "p50_ms": round(statistics.median(ordered), 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
            "errors": self.errors,
            "server_cpu_ms_per_request": round(self.server_cpu_s * 1000 / max(self.requests, 1), 3),
        }


def _cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds of process ``pid`` and its children (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, IndexError, ValueError):
            continue
        pending += [int(child) for child in children]
    return total


async def _client(host: str, port: int, paths: list[str], deadline: float, rng: random.Random, result: Result):
    """Send requests on one keep-alive connection until ``deadline``."""
    reader = writer = None
    while time.perf_counter() < deadline:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            is_closed = False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    is_closed = True
            await reader.readexactly(length)
            if is_closed:
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            result.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.requests += 1
        if status != 200:
            result.errors += 1
    if writer is not None:
        writer.close()


async def drive(host: str, port: int, endpoint: str, paths: list[str], clients: int, seconds: float) -> Result:
    """Return the numbers of ``clients`` concurrent keep-alive clients over ``seconds``."""
    result = Result(endpoint, 0, 0, seconds, [])
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_client(host, port, paths, deadline, random.Random(n), result) for n in range(clients))
    )
    result.seconds = time.perf_counter() - started
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_ready(port: int, server: subprocess.Popen, timeout_s: float = 60.0) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories?per_page=1", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("the server did not answer within a minute")


def _story_ids(path: Path, count: int, seed: int) -> list[str]:
    from newsfuse.store.sqlite import connect

    connection = connect(path, is_read_only=True)
    try:
        ids = [row[0] for row in connection.execute("SELECT id FROM stories WHERE article_count > 0")]
    finally:
        connection.close()
    random.Random(seed).shuffle(ids)
    return ids[:count]


def _search_words(path: Path, count: int, seed: int) -> list[str]:
    """Return ``count`` distinct words of 5+ letters from story headlines, in random order."""
    from newsfuse.store.sqlite import connect

    connection = connect(path, is_read_only=True)
    try:
        headlines = [row[0] for row in connection.execute("SELECT headline FROM stories WHERE article_count > 0")]
    finally:
        connection.close()
    words = sorted({w.lower() for h in headlines for w in h.split() if len(w) >= 5 and w.isalpha()})
    random.Random(seed).shuffle(words)
    return words[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the store (default 100000)")
    parser.add_argument("--db", type=Path, default=None, help="store file (built when missing; default: a temp dir)")
    parser.add_argument("--clients", type=int, default=64, help="concurrent keep-alive clients (default 64)")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per endpoint (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds per endpoint, not counted")
    parser.add_argument("--endpoints", default="list,story,json,api-list", help="comma-separated subset")
    parser.add_argument("--stories", type=int, default=2000, help="distinct random stories requested")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="newsfuse-bench-serve-")
    path = args.db or Path(workdir.name) / "bench.db"
    if not path.exists():
        build_store(path, args.articles)
    else:
        from newsfuse.store import Store

        print(f"reusing {path}", file=sys.stderr)
        Store.open(path).close()  # the server opens it read-only: migrate an older store first

    ids = [quote(i, safe="") for i in _story_ids(path, args.stories, seed=11)]
    paths = {
        "list": ["/"] + [f"/?page={n}" for n in range(2, 51)],
        "story": [f"/stories/{i}" for i in ids],
        "json": [f"/api/stories/{i}" for i in ids],
        "api-list": ["/api/stories"] + [f"/api/stories?page={n}" for n in range(2, 51)],
        "search": [f"/api/stories?q={quote(w)}" for w in _search_words(path, 400, seed=13)],
    }
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from newsfuse.cli import main; main()", "serve", "--db", str(path),
         "--port", str(port), "--workers", str(args.workers), "--quiet"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")},
    )
    rows = []
    load_before = f"{os.getloadavg()[0]:.2f}"
    try:
        _wait_ready(port, server)
        for endpoint in args.endpoints.split(","):
            if args.warmup > 0:
                asyncio.run(drive("127.0.0.1", port, endpoint, paths[endpoint], args.clients, args.warmup))
            cpu_before = _cpu_seconds(server.pid)
            result = asyncio.run(drive("127.0.0.1", port, endpoint, paths[endpoint], args.clients, args.seconds))
            result.server_cpu_s = _cpu_seconds(server.pid) - cpu_before
            rows.append(result.row())
            print(f"  {endpoint}: {rows[-1]}", file=sys.stderr)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.json:
        summary = {"articles": args.articles, "clients": args.clients, "workers": args.workers, "results": rows}
        print(json.dumps(summary, indent=2))
        return
    print(
        f"\n{args.clients} clients, {args.seconds:g} s per endpoint, {args.workers} server worker(s), "
        f"store {path}"
    )
    print(f"load average before: {load_before}, after: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    print(
        f"{'endpoint':<10} {'requests':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'server CPU ms/req':>18}"
    )
    for row in rows:
        print(
            f"{row['endpoint']:<10} {row['requests']:>9} {row['req_per_s']:>9} "
            f"{row['p50_ms']:>8} {row['p99_ms']:>8} {row['errors']:>7} {row['server_cpu_ms_per_request']:>18}"
        )


if __name__ == "__main__":
    main()
