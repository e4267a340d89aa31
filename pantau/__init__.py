"""Pantau: evidence-linked news analysis for Indonesian."""
__version__ = "0.1.0"
