"""Benchmarks: `make bench` runs every `bench_*.py` module here and prints one table.

Each module has `run(table)`; it measures its figures and calls `table.add(...)` with the
baseline measured in the same run (a bare SQLite commit, a bare Qt window, the age tool),
so the ratio means something on whatever machine runs it. Nothing here is asserted.
"""
