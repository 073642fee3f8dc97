"""The public API as a library user meets it: names a type checker sees, arguments of the wrong kind."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsfuse
from newsfuse.brief import build_briefs
from newsfuse.models import Story
from test_brief_support import make_article

PACKAGE = Path(newsfuse.__file__).parent


def _bound_names(tree: ast.Module) -> set[str]:
    """Return the names a module binds at its top level, ``if TYPE_CHECKING:`` blocks included."""
    names: set[str] = set()
    body = list(tree.body)
    while body:
        node = body.pop(0)
        if isinstance(node, ast.If):  # ``if TYPE_CHECKING:`` and the like
            body[:0] = node.body + node.orelse
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _exported(tree: ast.Module) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return list(ast.literal_eval(node.value))
    return []


def test_every_exported_name_is_bound_where_a_type_checker_looks():
    # newsfuse.cluster served StoryAssigner and stream_stories through a module __getattr__ only,
    # so mypy and pyright typed them Any in every user's code (py.typed promises types).
    unbound = {}
    for init in sorted(PACKAGE.rglob("__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        missing = sorted(set(_exported(tree)) - _bound_names(tree))
        if missing:
            unbound[str(init.relative_to(PACKAGE))] = missing
    assert unbound == {}
    cluster = ast.parse((PACKAGE / "cluster" / "__init__.py").read_text(encoding="utf-8"))
    assert {"StoryAssigner", "stream_stories"} <= set(_exported(cluster))


def test_build_briefs_given_a_list_of_articles_says_it_wants_a_mapping():
    # A list (what build_brief and stream_stories take) gave "story 's' names article 'a', which is
    # not among the articles given (2 missing)": the articles were all there.
    text = "The council approved the new budget on Tuesday. Mayor Jane Doe said it funds 40 new teachers."
    articles = [make_article("a", "Daily One", text), make_article("b", "Evening Two", text)]
    with pytest.raises(TypeError, match=r"^articles_by_id must map article ids to clean articles, got list"):
        build_briefs([Story("s", ("a", "b"))], articles)
    [brief] = build_briefs([Story("s", ("a", "b"))], {a.id: a for a in articles})
    assert [a.id for a in brief.articles] == ["a", "b"]


def test_every_error_a_library_user_catches_is_exported_at_the_top():
    # StoreError (every Store call, create_app) was the one error newsfuse's own package did not export.
    from newsfuse import errors

    raised = {name for name in dir(errors) if name.endswith("Error") and isinstance(getattr(errors, name), type)}
    assert raised <= set(newsfuse.__all__)
    assert newsfuse.StoreError is errors.StoreError
