"""The fuzz campaign (benchmarks/fuzz_inputs.py) in small: mutated real articles never crash a reader or the cleaner."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent / "benchmarks" / "fuzz_inputs.py"


@pytest.fixture
def fuzz(shared_data):
    spec = importlib.util.spec_from_file_location("fuzz_inputs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_inputs"] = module
    spec.loader.exec_module(module)
    module.DATA = shared_data
    return module


def test_mutated_real_articles_are_read_or_rejected_never_crash(fuzz):
    result = fuzz.campaign(400, seed=3, store_sample=40, with_stress=False)
    total = result["rows"][-1]
    assert total["format"] == "all" and total["inputs"] == 400
    assert result["crashes"] == [], result["crashes"][:1]
    # Every format and encoding came up, and each valid input (built, not mutated) was read.
    assert {row["format"] for row in result["rows"][:-1]} == set(fuzz.FORMATS)
    assert total["valid"] > 40 and total["valid read"] == total["valid"]
    # Mutations are refused with reasons, not silently dropped.
    assert total["rejected"] > 0 and {"binary", "json", "feed"} <= set(result["reasons"])
    store = result["store"]
    assert store["crash"] == "" and store["integrity"] == "ok" and store["consistent"]
    assert store["added"] > 0 and store["rejected"] > 0


def test_inputs_are_the_same_for_one_seed(fuzz):
    records = fuzz.load_records()[:50]
    first = [(name, data) for name, data, _ in fuzz.build_inputs(records, 60, seed=5)]
    again = [(name, data) for name, data, _ in fuzz.build_inputs(records, 60, seed=5)]
    other = [(name, data) for name, data, _ in fuzz.build_inputs(records, 60, seed=6)]
    assert first == again and first != other
