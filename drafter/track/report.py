"""The stats report: one self-contained HTML file (inline SVG plots drawn by matplotlib, no script, no
link outside the file), to look at rather than read: acceptance over time, edit rate per section, follow-ups
kept on time; then the tables behind them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import jinja2

from drafter.track.stats import OUTCOMES, Stats
from drafter_core.values import SECTION_NAMES

COLOURS = {"unchanged": "#2e7d32", "edited": "#f9a825", "never_sent": "#c62828", "pending": "#9e9e9e",
           "kept": "#2e7d32", "missed": "#c62828", "open": "#9e9e9e"}
_TEMPLATES = jinja2.Environment(loader=jinja2.PackageLoader("drafter.track", "templates"),
                                autoescape=jinja2.select_autoescape(["html", "j2"]), undefined=jinja2.StrictUndefined)


def write_report(stats: Stats, path: Path) -> None:
    html = _TEMPLATES.get_template("stats.html.j2").render(
        stats=stats.to_json(), sections=SECTION_NAMES, outcomes=OUTCOMES,
        acceptance_svg=_stacked({day: group.outcomes for day, group in stats.by_day.items()}, OUTCOMES,
                                "drafts delivered that day"),
        edits_svg=_edit_bars(stats),
        follow_ups_svg=_stacked(stats.follow_ups_by_due, ("kept", "missed", "open"), "follow-ups due that day"))
    path.write_text(html, encoding="utf-8")


def _figure() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display: draw to a file
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text stays text (searchable, no font files embedded)
    return plt


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    _figure().close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # inline: without the XML prolog and doctype


def _stacked(by_day: dict[dt.date, Any], kinds: tuple[str, ...], ylabel: str) -> str:
    plt = _figure()
    fig, ax = plt.subplots(figsize=(8, 3))
    days = sorted(by_day)
    labels = [day.strftime("%d %b") for day in days]
    bottom = [0] * len(days)
    for kind in kinds:
        values = [by_day[day][kind] for day in days]
        ax.bar(labels, values, bottom=bottom, color=COLOURS[kind], label=kind.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel(ylabel)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, ncol=len(kinds))  # above, not on, the bars
    ax.spines[["top", "right"]].set_visible(False)
    if not days:
        ax.text(0.5, 0.5, "nothing yet", ha="center", transform=ax.transAxes)
    return _svg(fig)


def _edit_bars(stats: Stats) -> str:
    plt = _figure()
    fig, ax = plt.subplots(figsize=(8, 3))
    rates = stats.overall.edit_rate()
    values = [rates[name] or 0.0 for name in SECTION_NAMES]
    ax.bar(SECTION_NAMES, values, color="#1565c0")
    ax.set_ylim(0, 1)
    ax.set_ylabel("mean edit distance (0 = sent as drafted)")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
