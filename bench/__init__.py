"""SIKAP benchmarks: `make bench` (or `python -m bench NAME`). Figures go to docs/benchmarks.md."""
