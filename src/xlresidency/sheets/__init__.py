"""The output sheets: ``OutputSheet`` and its style (``layout``), and one builder per sheet, each from the plan."""

from __future__ import annotations

from .layout import AMBER, GENERATED_NOTE, GREEN, GREY, RED, LineChart, OutputSheet

__all__ = ["AMBER", "GENERATED_NOTE", "GREEN", "GREY", "RED", "LineChart", "OutputSheet"]
