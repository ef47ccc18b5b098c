"""Benchmarks: `python -m bench` runs them all against the configured database, `python -m bench NAME` one.

Each prints one line per figure, `NAME: VALUE UNIT`, so runs can be compared.
"""
