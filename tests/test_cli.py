"""The command line as a user meets it: exit codes, messages, formats."""

from __future__ import annotations

import json
import os
import stat
import threading

from typer.testing import CliRunner

from newsfuse.cli import app

runner = CliRunner()


def _commands(group, prefix: tuple[str, ...] = ()):
    # Typer may bring its own copy of click, so look for sub-commands by duck typing.
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


def test_every_command_has_help_with_an_example():
    import typer.main

    root = typer.main.get_command(app)
    names = []
    for path, command in _commands(root):
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Example" in result.output, f"{' '.join(path)} --help shows no example"
        names.append(" ".join(path))
    assert {"brief", "extract", "cluster", "config show", "eval cluster"} <= set(names)


def test_brief_on_the_seeds_prints_one_story_in_markdown(seeds_dir):
    result = runner.invoke(app, ["brief", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n## ") + result.output.startswith("## ") == 1
    assert "former President" in result.output


def test_brief_json_is_one_story_of_five_with_slicing_evidence(seeds_dir, tmp_path):
    out = tmp_path / "briefs.json"
    result = runner.invoke(app, ["brief", str(seeds_dir), "--format", "json", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    [story] = data["stories"]
    assert len(story["articles"]) == 5
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for point in story["key_points"] + story["unique"]:
        first = point["evidence"][0]
        assert point["text"] in texts[first["article"]][first["start"] : first["end"]]


def test_bad_files_are_named_and_the_rest_go_on(seeds_dir, tmp_path):
    for seed in sorted(seeds_dir.iterdir()):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "fine"\n', encoding="utf-8")
    result = runner.invoke(app, ["brief", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    stderr = result.stderr
    for name in ("empty.txt", "image.txt", "bad.jsonl:1"):
        assert name in stderr, stderr
    assert "Traceback" not in result.output + stderr
    [story] = json.loads(result.stdout)["stories"]
    assert len(story["articles"]) == 5


def test_usage_errors_exit_2(seeds_dir):
    assert runner.invoke(app, ["brief"]).exit_code == 2
    assert runner.invoke(app, ["brief", str(seeds_dir), "--format", "pdf"]).exit_code == 2


def test_missing_path_is_reported_not_raised(tmp_path):
    result = runner.invoke(app, ["brief", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "nope" in result.stderr
    assert "Traceback" not in result.output


def test_bad_config_is_an_error_line_and_exit_1(seeds_dir, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[cluster]\nsimilarity_threshold = 7\n", encoding="utf-8")
    result = runner.invoke(app, ["brief", str(seeds_dir), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cluster.similarity_threshold must be in [0.0, 1.0], got 7")


def test_extract_shows_removals(seeds_dir):
    result = runner.invoke(app, ["extract", str(seeds_dir / "004_04c2f9f5f73296c6.txt")])
    assert result.exit_code == 0, result.output
    [article] = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["title"].startswith("Ceasefire diplomacy gains momentum")
    assert any(r["reason"] == "call-to-action" for r in article["removed"])
    assert "donation" not in article["text"]


def test_cluster_jsonl_has_one_line_per_article_in_input_order(seeds_dir):
    result = runner.invoke(app, ["cluster", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == sorted(p.stem for p in seeds_dir.iterdir())
    assert len({r["story"] for r in rows}) == 1


def test_config_show_prints_effective_values(monkeypatch):
    monkeypatch.setenv("NEWSFUSE_BRIEF__SUMMARY_WORDS", "41")
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    assert "summary_words = 41" in result.output


def test_python_dash_m_has_every_command():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "newsfuse", "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    for name in ("brief", "ingest", "stories", "show", "serve", "eval"):
        assert name in result.stdout


# ------------------------------------------------------------------ -o FILE

def _one_seed(seeds_dir) -> str:
    return str(sorted(seeds_dir.iterdir())[1])


def test_output_files_end_their_last_line_and_keep_their_permissions(seeds_dir, tmp_path):
    lines = tmp_path / "articles.jsonl"
    result = runner.invoke(app, ["extract", str(seeds_dir), "-q", "-o", str(lines)])
    assert result.exit_code == 0, result.output
    data = lines.read_bytes()
    assert data.endswith(b"}\n") and data.count(b"\n") == 5  # `cat a.jsonl b.jsonl` stays JSON Lines
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "new.html"
        assert runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "-f", "html", "-o", str(fresh)]).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # as the umask says, like any new file
    finally:
        os.umask(previous)
    shared = tmp_path / "shared.md"
    shared.write_text("old\n")
    shared.chmod(0o664)
    assert runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "-o", str(shared)]).exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_text().startswith("# newsfuse briefs")


def test_output_through_a_link_or_into_a_pipe_writes_what_they_lead_to(seeds_dir, tmp_path):
    target = tmp_path / "site" / "brief.md"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("# newsfuse briefs")

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "-f", "json", "-o", str(pipe)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still a pipe, not replaced by a file
    assert json.loads(received[0])["stories"][0]["articles"]


def test_output_paths_that_cannot_be_files_are_clear_errors(seeds_dir, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "-o", str(folder)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {folder}: is a folder; give a file name to write to\n"
    under_a_file = tmp_path / "notes.txt"
    under_a_file.write_text("notes\n")
    result = runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "-o", str(under_a_file / "b.md")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {under_a_file / 'b.md'}: a part of this path is a file, not a folder\n"
    result = runner.invoke(app, ["brief", _one_seed(seeds_dir), "-q", "--config", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {folder}: Is a directory") and "internal error" not in result.stderr


def test_an_input_that_cannot_be_read_as_a_file_is_skipped_and_the_rest_go_on(seeds_dir, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    too_long = "n" * 300
    result = runner.invoke(app, ["brief", _one_seed(seeds_dir), too_long, str(pipe), "-q", "-f", "json"])
    assert result.exit_code == 1
    assert f"newsfuse: skipped {too_long}: File name too long\n" in result.stderr
    assert f"newsfuse: skipped {pipe}: not a regular file or folder (a pipe or device); use - to read stdin\n" in (
        result.stderr
    )
    assert len(json.loads(result.stdout)["stories"]) == 1


def test_an_article_that_cleaning_refuses_is_named_and_sets_exit_code_1(seeds_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(seeds_dir.iterdir()):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "teaser.txt").write_text("Breaking\n\nMore soon.\n", encoding="utf-8")
    skipped = f"newsfuse: skipped {folder / 'teaser.txt'}: 3 words after cleaning, fewer than clean.min_words=25\n"
    db = str(tmp_path / "news.db")
    for command in (
        ["brief", str(folder), "-f", "json"],
        ["extract", str(folder)],
        ["cluster", str(folder)],
        ["ingest", str(folder), "--db", db, "--json"],
    ):
        for quiet in ([], ["-q"]):  # --quiet hides the progress display only
            result = runner.invoke(app, [*command, *quiet])
            assert result.exit_code == 1, (command, quiet, result.output)
            assert skipped in result.stderr, (command, result.stderr)
            assert result.stdout.strip(), command  # the other five articles are all there
    [story] = json.loads(runner.invoke(app, ["brief", str(folder), "-f", "json"]).stdout)["stories"]
    assert len(story["articles"]) == 5
    assert runner.invoke(app, ["brief", str(seeds_dir), "-q"]).exit_code == 0


def test_every_option_help_is_shown_whole():
    # Rich reads "[default: 60]" in a help text as a markup tag and drops it,
    # leaving "Word budget of each summary ." on screen.
    import typer.main

    root = typer.main.get_command(app)
    for path, command in _commands(root):
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "400", "TERMINAL_WIDTH": "400"})
        shown = " ".join(result.output.split())
        helps = [("", command.help)] + [(parameter.name, getattr(parameter, "help", None)) for parameter in command.params]
        for name, text in helps:
            text = " ".join((text or "").split())
            for word in text.split():
                assert word in shown, f"{' '.join(path)} {name}: {word!r} of {text!r} is not shown"


# --- eval --limit: every eval command takes the first N of what it scores ------


def test_eval_cluster_limit_scores_the_first_gold_stories(shared_data):
    path = shared_data / "basil" / "articles.jsonl"
    result = runner.invoke(app, ["eval", "cluster", str(path), "--limit", "4", "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["gold_clusters"] == 4 and scored["records"] == scored["scored"] == 12  # three outlets per event
    topics = runner.invoke(
        app, ["eval", "cluster", str(shared_data / "ecbplus" / "articles.jsonl"), "--gold", "topic", "--limit", "2", "--json"]
    )
    assert topics.exit_code == 0, topics.output
    assert json.loads(topics.output)["gold_clusters"] == 2
    assert runner.invoke(app, ["eval", "cluster", str(path), "--limit", "0"]).exit_code == 2


def test_eval_extraction_limit_scores_the_first_pages_of_each_benchmark(shared_data):
    result = runner.invoke(app, ["eval", "extraction", str(shared_data), "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["article_extraction_benchmark"]["pages"] == 2
    assert scored["trafilatura_eval"]["pages"] == 2


def test_eval_alignment_limit_scores_the_first_labelled_pairs(shared_data):
    labels = os.path.join(os.path.dirname(__file__), "data", "alignment_pairs.jsonl")
    result = runner.invoke(
        app, ["eval", "alignment", labels, "--data", str(shared_data), "--limit", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    # The file's first three pairs are Multi-News pairs of the tuning batch.
    assert [(r["batch"], r["file"], r["pairs"]) for r in rows if r["rule"] == "newsfuse"] == [
        ("tuning", "multinews_sample/clusters.jsonl", 3),
        ("tuning", "all", 3),
    ]


def test_an_output_path_that_cannot_be_written_is_refused_before_the_run(seeds_dir, tmp_path):
    # It was refused only after every input had been read, cleaned and briefed (minutes on a large folder).
    missing = tmp_path / "missing.txt"
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    for command in (["brief"], ["extract"], ["cluster"], ["cluster", "--stream"]):
        for output, problem in ((tmp_path, "is a folder"), (blocker / "out.md", "a part of this path is a file")):
            result = runner.invoke(app, [*command, str(seeds_dir), str(missing), "-o", str(output)])
            assert result.exit_code == 1, (command, result.output)
            [line] = result.output.splitlines()  # the error alone: no input was read ("skipped ... missing.txt")
            assert line.startswith(f"Error: {output}: {problem}")


def test_extract_and_cluster_print_nothing_when_every_input_was_skipped(tmp_path):
    # A blank line was printed: one empty record for a JSON Lines reader, one line for wc -l.
    feed = tmp_path / "gazette.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Valley Gazette</title></channel></rss>",
        encoding="utf-8",
    )
    for command in (["extract"], ["cluster"], ["cluster", "--stream"]):
        result = runner.invoke(app, [*command, str(feed), "-q"])
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr == f"newsfuse: skipped {feed}: the feed has no entries, nothing to read\n"


def test_version_is_printed_for_a_bug_report():
    import newsfuse

    for flag in ("--version", "-V"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0, result.output
        assert result.stdout == f"newsfuse {newsfuse.__version__}\n"
