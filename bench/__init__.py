"""Benchmarks with their baselines; run each as ``python -m bench.<name>``."""
