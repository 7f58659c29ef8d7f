"""Benchmarks of the Clarus API against a framework-free yardstick; run `scripts/bench`."""
