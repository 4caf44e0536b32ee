"""Benchmarks, run by hand (results and the commands that made them in BENCHMARKS.md)."""
