"""Rendering an HTML email keeps nothing of it alive afterwards (inscriptis once left the last document's whole
text on its shared profile: the size of the last HTML email, held by every process until the next one)."""

from __future__ import annotations

import gc
import tracemalloc

from drafter.parse.html import html_to_text


def test_nothing_of_a_rendered_document_stays_in_memory() -> None:
    html = "<html><body>" + "".join(f"<p>My order A-{n} arrived broken, please help.</p>" for n in range(40_000))
    html_to_text("<p>warm-up</p>")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        text = html_to_text(html + "</body></html>")
        assert text.count("arrived broken") == 40_000
        del text
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 200_000, f"{kept:,} bytes of a {len(html):,}-character document still held"
