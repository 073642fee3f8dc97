"""The command line as a user meets it: exit codes, messages, formats."""

from __future__ import annotations

import json

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
