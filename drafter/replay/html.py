"""The self-contained HTML page (`drafter replay --report`), rendered from the report's JSON.

The template (templates/report.html.j2) reads exactly the JSON report, so the page and the file can
never disagree; autoescape and StrictUndefined are on, and no HTML is built in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import jinja2

from drafter.replay.report import is_failing
from drafter.replay.values import CodeCounts, Report
from drafter_core.values import SECTION_NAMES

TEMPLATES = Path(__file__).with_name("templates")
SECTION_COLOURS = {"thank": "#2e7d32", "empathise": "#6a1b9a", "paraphrase": "#1565c0",
                   "apologise": "#c62828", "timeline": "#ef6c00", "surprise": "#00838f"}

__all__ = ["chart", "render_html", "segments", "write_html"]


class SpanJSON(TypedDict):
    """A violation as the JSON report (and so the template) holds it: see values.Span."""

    code: str
    message: str
    start: int
    end: int
    text: str


class Piece(TypedDict):
    text: str
    violations: list[int]  # indexes into the draft's violations


class Block(TypedDict):
    section: str | None
    pieces: list[Piece]


def segments(body: str, spans: dict[str, list[int]], violations: list[SpanJSON]) -> list[Block]:
    """The body cut at every section and violation edge, grouped into runs of one section (or none).

    Each block is {section, pieces: [{text, violations: [index, ...]}]}: the template marks
    sections and highlights violations without ever building HTML in Python (autoescape stays whole).
    """
    placed = [(i, v) for i, v in enumerate(violations) if 0 <= v["start"] < v["end"] <= len(body)]
    cuts = {0, len(body)}
    for start, end in spans.values():
        cuts.update((start, end))
    for _, v in placed:
        cuts.update((v["start"], v["end"]))
    edges = sorted(cuts)
    blocks: list[Block] = []
    for start, end in zip(edges, edges[1:], strict=False):
        section = next((name for name, (s, e) in spans.items() if s <= start and end <= e), None)
        marks = [i for i, v in placed if v["start"] <= start and end <= v["end"]]
        if not blocks or blocks[-1]["section"] != section:
            blocks.append({"section": section, "pieces": []})
        blocks[-1]["pieces"].append({"text": body[start:end], "violations": marks})
    return blocks


@dataclass(frozen=True)
class ChartRow:
    code: str
    final: int
    repaired: int
    y: int
    final_width: float
    repaired_width: float


@dataclass(frozen=True)
class Chart:
    rows: list[ChartRow]
    height: int


def chart(violations_by_code: dict[str, CodeCounts]) -> Chart:
    """Geometry of the inline SVG bar chart: one row per code, final drafts and repaired attempts stacked."""
    top = max((c.final + c.repaired for c in violations_by_code.values()), default=0)
    scale = 360 / top if top else 0
    rows = [ChartRow(code=code, final=counts.final, repaired=counts.repaired, y=8 + index * 26,
                     final_width=round(counts.final * scale, 1), repaired_width=round(counts.repaired * scale, 1))
            for index, (code, counts) in enumerate(violations_by_code.items())]
    return Chart(rows=rows, height=16 + 26 * len(rows))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["segments"] = segments
    return env


def render_html(report: Report) -> str:
    """The self-contained page: inline CSS and JS only, every value from an email escaped."""
    data = report.to_json()  # the template's context is the JSON report itself
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=data,
        totals=data["totals"],
        chart=chart(report.totals.violations_by_code),
        failing={r.file: is_failing(r) for r in report.emails},
        section_names=SECTION_NAMES,
        section_colours=SECTION_COLOURS,
    )


def write_html(report: Report, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")
