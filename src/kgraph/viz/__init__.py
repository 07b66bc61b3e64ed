"""Drawings of the evidence graph: the interactive HTML network and the evidence-map PNG."""
