"""Clocks: the one place Cairn computes a due date.

Timescales are data (``cairn/data/timescales.yaml``, plus each partnership's
``LocalTimescale`` rows); ``calendar`` counts working days in England and Wales;
``selectors.due_date`` and ``selectors.time_left`` are what the rest of Cairn calls.
"""
