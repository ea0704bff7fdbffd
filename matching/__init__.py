"""Matching library: text normalisation, embeddings, scoring, explanations, scheduling.

A pure library: nothing here imports Flask, so it can run in workers, scripts and benchmarks.
"""
