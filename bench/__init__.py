"""Benchmarks: runnable with ``./scripts/bench.sh``; they print figures, they assert nothing."""
