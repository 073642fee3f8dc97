"""Shared fixtures: the bundled seeds and the evaluation data beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed articles bundled with the project."""
    return SEEDS


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (public evaluation sets); tests that need it skip without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the project")
    return SHARED_DATA
