"""Synthetic CollecTor month for benchmarks: see scripts/make-corpus and docs/benchmarks.md."""
