"""Crash safety and concurrency of the store, with real processes and real articles.

An ingest process is killed with SIGKILL at random moments, 20 times, on one
store; after each kill the database is intact, everything it had committed
is there exactly once, and the assignment state agrees with the articles.
A last run finishes the job.  Then two processes ingest overlapping halves
of the articles into one store at the same time.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import ItemError
from newsfuse.store.queries import content_hash

ROOT = Path(__file__).resolve().parents[1]
KILLS = 20
# Articles per transaction in the child: small, so kills land between and inside commits.
BATCH_SIZE = 5

# The child ingests a JSON Lines file and, after each commit, appends the
# number of stored articles to a log (a plain write: it survives SIGKILL).
CHILD = """
import sys, time
from newsfuse.config import load_settings
from newsfuse.store import Store

db, source, log, pause_s = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
store = Store.open(db, load_settings())
with open(log, "a", encoding="utf-8") as out:
    def progress(stage, done, total):
        if stage == "ingest":
            count = store.connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            out.write(f"{count}\\n")
            out.flush()
            time.sleep(pause_s)  # pace the job so that kills land in it on any machine
    report = store.ingest([source], progress=progress)
print(report.added, report.unchanged, report.rejected, flush=True)
"""
# Pause after each commit in the killed runs (none in the final and concurrent runs).
COMMIT_PAUSE_S = 0.01


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env["NEWSFUSE_STORE__BATCH_SIZE"] = str(BATCH_SIZE)
    # Rule-based NER keeps each brief at a few ms, so the 20 runs fit in a minute.
    env["NEWSFUSE_BRIEF__NER"] = "rules"
    return env


def _write_articles(shared_data: Path, path: Path, count: int) -> list[dict]:
    records, urls = [], set()
    for name in ("basil/articles.jsonl", "ecbplus/articles.jsonl"):
        for line in (shared_data / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            kept = {k: record[k] for k in ("id", "title", "text", "source", "url", "date") if record.get(k)}
            # An explicit outlet: without one it would come from the file name, and
            # the same record in two files would be two outlets' articles.
            kept.setdefault("source", name.split("/")[0])
            # A second record with a URL already seen would replace the first
            # (an update); keep these runs to plain additions.
            if kept.get("url") and kept["url"] in urls:
                continue
            urls.add(kept.get("url", ""))
            records.append(kept)
    records = records[:count]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return records


def _expected_hashes(source: Path) -> set[str]:
    """Content hashes of the articles in ``source`` that cleaning keeps (the rest are rejects)."""
    from newsfuse.clean import clean_article
    from newsfuse.ingest import read_inputs
    from newsfuse.pipeline import StageContext

    settings = Settings()
    kept = set()
    for article in read_inputs([source], settings.ingest, StageContext(settings)):
        try:
            clean_article(article, settings.clean)
        except ItemError:
            continue
        kept.add(content_hash(article))
    return kept


def _check_consistent(db: Path) -> set[str]:
    """Assert the store is intact and self-consistent; return its content hashes."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = connection.execute("SELECT content_hash, url, id FROM articles").fetchall()
        hashes = [r[0] for r in rows]
        assert len(hashes) == len(set(hashes)), "an article is stored twice"
        urls = [r[1] for r in rows if r[1]]
        assert len(urls) == len(set(urls)), "a URL is stored twice"
        # Each story counts exactly the articles that point at it.
        mismatched = connection.execute(
            "SELECT s.id FROM stories s LEFT JOIN (SELECT story_key, count(*) AS n FROM articles GROUP BY story_key) a "
            "ON a.story_key = s.story_key WHERE s.merged_into IS NULL AND s.article_count != coalesce(a.n, 0)"
        ).fetchall()
        assert mismatched == []
        # The assigner counted exactly the stored articles (same transactions).
        counted = connection.execute("SELECT value FROM meta WHERE key = 'document_count'").fetchone()
        assert int(counted[0] if counted else 0) == len(rows)
        # The search index holds exactly the stored articles (FTS5 checks it against the table: rank 1).
        connection.execute("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)")
        indexed = connection.execute("SELECT value FROM meta WHERE key = 'search_indexed_through'").fetchone()
        assert int(indexed[0] if indexed else 0) == max((r[0] for r in connection.execute(
            "SELECT article_key FROM articles")), default=0)
        return set(hashes)
    finally:
        connection.close()


def _logged(log: Path) -> list[int]:
    """Return the article counts the child logged after its commits."""
    if not log.exists():
        return []
    return [int(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip().isdigit()]


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed_and_a_rerun_finishes(shared_data, tmp_path):
    source = tmp_path / "articles.jsonl"
    _write_articles(shared_data, source, 900)
    expected = _expected_hashes(source)
    db, log = tmp_path / "crash.db", tmp_path / "commits.log"
    rng = random.Random(20)
    env = _child_env()
    stored_before = killed_while_writing = 0
    for kill in range(KILLS):
        log.unlink(missing_ok=True)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), str(source), str(log), str(COMMIT_PAUSE_S)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        # One run in four is killed at a random moment (often while starting);
        # the others a random moment after their first or second commit, so the
        # kills land inside the write path however fast this machine is.
        if kill % 4 == 0:
            deadline, commits = time.monotonic() + rng.uniform(0.3, 1.5), None
        else:
            deadline, commits = time.monotonic() + 30, rng.randint(1, 2)
        while time.monotonic() < deadline and child.poll() is None:
            if commits is not None and len(_logged(log)) >= commits:
                time.sleep(rng.uniform(0.0, 0.02))
                break
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        if not db.exists():
            continue  # killed before the store was created
        hashes = _check_consistent(db)
        assert hashes <= expected, "an article that should have been rejected was stored"
        committed = _logged(log)
        assert len(hashes) >= max(committed[-1:] + [stored_before]), f"kill {kill}: committed articles were lost"
        stored_before = len(hashes)
        killed_while_writing += bool(committed) and len(hashes) < len(expected)

    print(f"\n{KILLS} kills, {killed_while_writing} while writing; {stored_before} of {len(expected)} stored before the last run")
    assert killed_while_writing >= KILLS // 2, "too few kills landed while articles were being written"
    finished = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(source), str(log), "0"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    assert _check_consistent(db) == expected
    connection = sqlite3.connect(db)
    stale = connection.execute(
        "SELECT count(*) FROM stories s LEFT JOIN briefs b USING (story_key) "
        "WHERE s.merged_into IS NULL AND s.article_count > 0 AND (b.version IS NULL OR b.version < s.version)"
    ).fetchone()[0]
    assert stale == 0, "a brief left stale by a kill was not rebuilt"
    duplicated_rejects = connection.execute(
        "SELECT count(*) FROM (SELECT item, stage, reason FROM rejects GROUP BY 1, 2, 3 HAVING count(*) > 1)"
    ).fetchone()[0]
    assert duplicated_rejects == 0
    connection.close()


@pytest.mark.slow
def test_two_ingest_processes_on_one_store_lose_nothing(shared_data, tmp_path):
    records = _write_articles(shared_data, tmp_path / "all.jsonl", 240)
    expected = _expected_hashes(tmp_path / "all.jsonl")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    # Overlapping halves: the middle third is ingested by both at once.
    first.write_text("".join(json.dumps(r) + "\n" for r in records[:160]), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in records[80:]), encoding="utf-8")
    db = tmp_path / "shared.db"
    env = _child_env()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), str(path), str(tmp_path / f"{path.stem}.log"), "0"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for path in (first, second)
    ]
    outputs = [child.communicate(timeout=300) for child in children]
    for child, (out, err) in zip(children, outputs):
        assert child.returncode == 0, err
    assert _check_consistent(db) == expected
    added = [int(out.split()[0]) for out, _ in outputs]
    assert sum(added) == len(expected), outputs  # each article added by exactly one of them


def _open_store(path: str, barrier, results) -> None:
    from newsfuse.store.sqlite import connect

    barrier.wait()
    try:
        connect(path).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_creating_one_new_store_at_once_both_open_it(tmp_path):
    """Switching a new store to WAL mode waits for the other opener instead of failing "database is locked"."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    context = multiprocessing.get_context("fork")
    outcomes = []
    for attempt in range(20):
        barrier, results = context.Barrier(2), context.Queue()
        path = str(tmp_path / f"new-{attempt}.db")
        openers = [context.Process(target=_open_store, args=(path, barrier, results)) for _ in range(2)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(timeout=120)
        outcomes += [results.get(timeout=10) for _ in openers]
    assert outcomes == ["ok"] * 40
