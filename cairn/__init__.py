"""Cairn: multi-agency safeguarding for child-on-child abuse."""

__version__ = "0.1.0"
