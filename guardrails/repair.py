"""Repair instructions: one line per violation, quoting the offending words and saying how to fix them.

The lead's jinja2 repair prompt lists these lines and asks the model to fix every one.
"""

from __future__ import annotations

from drafter_core.values import Verdict, Violation

_MAX_QUOTE = 160


def repair_instructions(verdict: Verdict) -> list[str]:
    """One instruction per violation, in draft order; empty when the verdict passed."""
    return [_instruction(v) for v in sorted(verdict.violations, key=lambda v: (v.start, v.end, v.code))]


def _instruction(item: Violation) -> str:
    if not item.text:
        return f"[{item.code}] {item.message}"
    quote = " ".join(item.text.split())
    if len(quote) > _MAX_QUOTE:
        quote = quote[:_MAX_QUOTE - 1] + "…"
    return f"[{item.code}] \"{quote}\" (characters {item.start}-{item.end}): {item.message}"
