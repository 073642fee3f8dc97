"""How many worker processes a stage may use, in one place for every stage."""

from __future__ import annotations

import multiprocessing
import os

__all__ = ["available_cpus", "can_fork"]


def available_cpus() -> int:
    """Return the CPUs this process may run on (its affinity on Linux, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Return whether worker processes can be forked (they share the parent's loaded data)."""
    return "fork" in multiprocessing.get_all_start_methods()
