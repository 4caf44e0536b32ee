"""HTML mail → the text a reader sees, with quoted history marked as ">" lines for `drafter.parse.visible`.

Before inscriptis renders the text, the tree is cleaned structurally:
- what no reader sees is dropped: scripts, styles, comments, display:none and friends, and text the
  colour of its background (white on white). Hidden text is how a prompt injection hides in a
  friendly-looking mail, so it must never reach the body;
- the quoted history of each client (Gmail `.gmail_quote`, Apple Mail `blockquote type=cite`,
  Outlook `#divRplyFwdMsg` / `#appendonsend` / its border-top header, Yahoo `.yahoo_quoted`,
  Thunderbird `.moz-cite-prefix`, any `<blockquote>`) is rendered on its own as ">" lines, so the
  text splitter sees an ordinary quote (and an interleaved reply after it stays visible);
- client-marked signatures get a "-- " line before them.

The tree is walked a few times in Python (XPath with string tests is slower than a plain walk here).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

import lxml.etree as etree
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_engine import Inscriptis
from inscriptis.model.config import ParserConfig

_CSS = CSS_PROFILES["strict"]
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, recover=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
# lxml refuses to store these in a text node, and no reader sees them anyway.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

_DROP_TAGS = frozenset(
    "head title script style template object embed iframe frame frameset meta link svg math noembed "
    "input select textarea button audio video canvas".split()
)
_QUOTE_CLASSES = frozenset(
    "gmail_quote gmail_quote_container yahoo_quoted moz-cite-prefix moz-forward-container protonmail_quote "
    "zmail_extra AppleOriginalContents ms-outlook-mobile-reference-message".split()
)
# Where the earlier mail starts in Outlook (web, desktop, Mac), Hotmail and Zimbra: everything from
# there to the end of the document is history.
_HISTORY_IDS = frozenset(
    {"appendonsend", "divRplyFwdMsg", "mail-editor-reference-message-container", "OLK_SRC_BODY_SECTION",
     "stopSpelling", "zwchr"}
)
_SIGNATURE_CLASSES = frozenset({"gmail_signature", "moz-signature", "signature"})
_SIGNATURE_IDS = frozenset({"Signature", "signature", "ms-outlook-mobile-signature"})
_OUTLOOK_HEADER_TEXT = re.compile(
    r"^\s*(?:from|von|de|van|da|från|fra|od|от|lähettäjä|feladó)[ \t\u00a0]*:", re.IGNORECASE
)
_SPACE_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INLINE_TAGS = ("span", "font", "o:p", "b", "i", "u", "strong", "em", "a", "small", "big", "s", "strike", "abbr",
                "mark", "ins", "del", "label", "time")


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: hidden parts dropped, quoted history as ">" lines."""
    root = _parse(html)
    if root is None:
        return ""
    _drop_hidden(root)
    marks = _Marks(root)
    _mark_signatures(marks)
    _quote_history(root, marks)
    _keep_line_spacing(root)
    # Inline wrappers change nothing in plain text but cost inscriptis time (Word wraps every run in two).
    etree.strip_tags(root, *_INLINE_TAGS)
    return Inscriptis(root, _config()).get_text()


def _config() -> ParserConfig:
    """A configuration of one's own per document: inscriptis sets the document's canvas on the profile's `body`
    element, so a shared one kept the last HTML email's whole text alive (and two documents rendered at once, a
    big mail in its thread and a small one on the event loop, shared that element)."""
    return ParserConfig(css={**_CSS, "body": copy.copy(_CSS["body"])}, display_links=False, display_images=False)


def _parse(html: str) -> Any:
    html = _XML_DECLARATION.sub("", _CONTROL_CHARS.sub("", html), count=1)
    if not html.strip():
        return None
    try:
        return etree.fromstring(html, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _elements(root: Any) -> Iterable[Any]:
    return (e for e in root.iter() if isinstance(e.tag, str))


def _drop(element: Any) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _outermost(elements: list[Any]) -> list[Any]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


# ------------------------------------------------------------------------------------ hidden text

_BLACK = (0.0, 0.0, 0.0, 1.0)
_WHITE = (255.0, 255.0, 255.0, 1.0)
_UNKNOWN = (-1.0, -1.0, -1.0, -1.0)  # a background image: we cannot tell what colour shows
Colour = tuple[float, ...]


def _drop_hidden(root: Any) -> None:
    """Drop what no reader sees; only elements carrying a style or a colour are examined closely."""
    doomed: list[Any] = []
    states: dict[Any, tuple[Colour, Colour]] = {}
    invisible: list[Any] = []
    for element in _elements(root):
        if element.tag in _DROP_TAGS or element.get("hidden") is not None:
            doomed.append(element)
            continue
        raw_style = element.get("style")
        if raw_style is None and not (element.get("color") or element.get("bgcolor") or element.get("text")):
            continue
        style = _style(raw_style)
        if style and _is_hidden_style(style):
            doomed.append(element)
            continue
        color, background = _inherited(element, states)
        color = _own_color(element, style) or color
        background = _own_background(element, style) or background
        states[element] = (color, background)
        if _invisible(color, background):
            invisible.append(element)
    for element in invisible:
        _blank_text(element, states)
    for element in _outermost(doomed):
        _drop(element)


def _inherited(element: Any, states: dict[Any, tuple[Colour, Colour]]) -> tuple[Colour, Colour]:
    for ancestor in element.iterancestors():
        if ancestor in states:
            return states[ancestor]
    return _BLACK, _WHITE


def _blank_text(element: Any, states: dict[Any, tuple[Colour, Colour]]) -> None:
    """Clear the text an invisible element shows itself and through children that set no colour."""
    stack = [element]
    while stack:
        current = stack.pop()
        current.text = None
        for child in current:
            child.tail = None
            if isinstance(child.tag, str) and child not in states:
                stack.append(child)


def _style(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    declarations = {}
    for declaration in value.split(";"):
        name, sep, val = declaration.partition(":")
        if sep:
            declarations[name.strip().lower()] = val.lower().replace("!important", "").strip()
    return declarations


_ZERO = re.compile(r"^-?0*(?:\.0+)?(?:px|pt|em|rem|%|ex|ch|vh|vw)?$")
_TINY_FONT = re.compile(r"^[01]?(?:\.\d+)?(?:px|pt)$|^0*\.0\d*(?:em|rem)$")
_FAR_AWAY = re.compile(r"^-\d{3,}(?:\.\d+)?(?:px|pt|em|rem|%)?$")


def _is_hidden_style(style: dict[str, str]) -> bool:
    if style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse"):
        return True
    if style.get("mso-hide") == "all" or _ZERO.match(style.get("opacity", "1")):
        return True
    if _ZERO.match(style.get("font-size", "1")) or _TINY_FONT.match(style.get("font-size", "")):
        return True
    clipped = style.get("overflow") == "hidden"
    if clipped and any(_ZERO.match(style.get(k, "1")) for k in ("max-height", "height", "max-width", "width")):
        return True
    if any(_FAR_AWAY.match(style.get(k, "")) for k in ("left", "top", "text-indent", "margin-left", "right")):
        return True
    clip = (style.get("clip", "") + style.get("clip-path", "")).replace(" ", "")
    return "rect(0" in clip or "inset(50%" in clip


def _own_color(element: Any, style: dict[str, str]) -> Colour | None:
    if "color" in style:
        return _parse_color(style["color"])
    if element.tag == "font" and element.get("color"):
        return _parse_color(element.get("color"))
    if element.tag == "body" and element.get("text"):
        return _parse_color(element.get("text"))
    return None


_TOKENS = re.compile(r"[^\s(]+(?:\([^)]*\))?")


def _own_background(element: Any, style: dict[str, str]) -> Colour | None:
    for key in ("background-color", "background"):
        if key in style:
            for token in _TOKENS.findall(style[key]):
                parsed = _parse_color(token)
                if parsed is not None:
                    return parsed if parsed[3] > 0 else None  # transparent: the parent's colour shows
    if element.get("bgcolor"):
        return _parse_color(element.get("bgcolor"))
    if "url(" in style.get("background", "") + style.get("background-image", ""):
        return _UNKNOWN
    return None


_NAMED_COLORS = {
    "white": (255, 255, 255), "black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 128, 0), "blue": (0, 0, 255),
    "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
    "whitesmoke": (245, 245, 245), "snow": (255, 250, 250), "ivory": (255, 255, 240), "navy": (0, 0, 128),
    "windowtext": (0, 0, 0), "window": (255, 255, 255), "ghostwhite": (248, 248, 255),
}
_HEX = re.compile(r"^#?([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_RGB = re.compile(r"^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:[\s,/]+([\d.]+%?))?\s*\)$")


def _parse_color(value: str | None) -> Colour | None:
    """(r, g, b, alpha) of a CSS colour we can read; None for what we cannot (never guess)."""
    if not value:
        return None
    value = value.strip().lower()
    if value == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    if value in _NAMED_COLORS:
        r, g, b = _NAMED_COLORS[value]
        return (float(r), float(g), float(b), 1.0)
    hex_match = _HEX.match(value)
    if hex_match and (value.startswith("#") or len(value) == 6):
        digits = hex_match.group(1)
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits)
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        alpha = channels[3] / 255 if len(channels) == 4 else 1.0
        return (float(channels[0]), float(channels[1]), float(channels[2]), alpha)
    rgb = _RGB.match(value)
    if rgb:
        r2, g2, b2 = (_channel(rgb.group(i)) for i in (1, 2, 3))
        return (r2, g2, b2, _alpha(rgb.group(4)) if rgb.group(4) else 1.0)
    return None


def _channel(text: str) -> float:
    return float(text[:-1]) * 2.55 if text.endswith("%") else float(text)


def _alpha(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def _invisible(color: Colour, background: Colour) -> bool:
    if color[3] < 0.1:
        return True
    if background is _UNKNOWN:
        return False
    return max(abs(color[i] - background[i]) for i in range(3)) <= 24  # #fefefe on white is unreadable too


# ------------------------------------------------------------------------- signatures and history


def _classes(element: Any) -> set[str]:
    value = element.get("class")
    return set(value.split()) if value else set()


class _Marks:
    """Client markers found in one walk: signatures, where Outlook's history starts, quote containers."""

    def __init__(self, root: Any) -> None:
        self.signatures: list[Any] = []
        self.prefixes: list[Any] = []
        self.history_start: Any = None
        self.quotes: list[Any] = []
        for element in _elements(root):
            classes = _classes(element)
            if "gmail_signature_prefix" in classes:
                self.prefixes.append(element)
            elif classes & _SIGNATURE_CLASSES or element.get("id") in _SIGNATURE_IDS:
                self.signatures.append(element)
            elif element.get("data-smartmail") == "gmail_signature" or element.get("data-signatureblock") == "true":
                self.signatures.append(element)
            if self.history_start is None and _starts_history(element, classes):
                self.history_start = element
            if _is_quote_container(element, classes):
                self.quotes.append(element)


def _mark_signatures(marks: _Marks) -> None:
    """Put a "-- " line before a client-marked signature so the text splitter files it as one."""
    for prefix in marks.prefixes:
        _drop(prefix)  # Gmail's own "-- ": we add one line of our own
    for element in _outermost(marks.signatures):
        if element.getparent() is not None:
            delimiter = etree.Element("div")
            delimiter.text = "-- "
            element.addprevious(delimiter)


def _quote_history(root: Any, marks: _Marks) -> None:
    """Turn quoted history into ">" lines: Outlook's trailing history first, then quote containers."""
    start = marks.history_start
    if start is not None and start.getparent() is not None:
        slot = etree.Element("div")
        start.addprevious(slot)
        _replace_with_quote(slot, _detach_from(start))
    for element in _outermost(marks.quotes):
        if _within(element, root):  # not inside the history moved out above
            _replace_with_quote(element, element)


def _within(element: Any, root: Any) -> bool:
    return any(ancestor is root for ancestor in element.iterancestors())


def _starts_history(element: Any, classes: set[str]) -> bool:
    element_id = element.get("id")
    if element_id and (element_id in _HISTORY_IDS or element_id.endswith("divRplyFwdMsg")):
        return True
    if "OutlookMessageHeader" in classes:
        return True
    style = element.get("style")
    if element.tag == "div" and style and "border-top" in style:
        return bool(_OUTLOOK_HEADER_TEXT.match("".join(element.itertext())[:200]))
    return False


def _is_quote_container(element: Any, classes: set[str]) -> bool:
    if element.tag == "blockquote" or element.get("type") == "cite":
        return True
    if classes & _QUOTE_CLASSES or element.get("name") in ("messageReplySection", "quote"):
        return True
    return (element.get("id") or "").startswith("yahoo_quoted")


def _detach_from(start: Any) -> Any:
    """Move `start` and everything after it in document order into a new container (tails move along)."""
    moved = [start, *start.itersiblings()]
    parent = start.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        moved.extend(parent.itersiblings())
        parent = parent.getparent()
    container = etree.Element("div")
    for element in moved:
        container.append(element)
    return container


def _replace_with_quote(slot: Any, content: Any) -> None:
    """Put `content`, rendered as text with every line behind "> ", in a <pre> where `slot` stands."""
    pre = etree.Element("pre")
    pre.tail, slot.tail = slot.tail, None
    slot.getparent().replace(slot, pre)
    lines = _CONTROL_CHARS.sub("", _plain_text(content)).split("\n")
    pre.text = "\n".join(f"> {line}" if line else ">" for line in lines) + "\n"


_BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def _plain_text(content: Any) -> str:
    """A quick rendering for quoted history (blocks and <br> make lines): it is context, not the customer's words.

    Inscriptis renders what the customer wrote; history is often longer than the reply, and
    rendering it as carefully would double the cost of every HTML mail.
    """
    parts: list[str] = [""]
    for event, element in etree.iterwalk(content, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br" and event == "start":
            parts.append("\n")
        elif tag in _BLOCK_TAGS and not parts[-1].endswith("\n"):
            parts.append("\n")  # one line break between blocks, however deeply they nest
        elif tag in ("td", "th"):
            parts.append(" ")
        if event == "start" and element.text:
            parts.append(_WHITESPACE.sub(" ", element.text))
        elif event == "end" and tag == "p":
            parts.append("\n")  # a paragraph ends with a blank line
        if event == "end" and element.tail and element is not content:
            parts.append(_WHITESPACE.sub(" ", element.tail))
    lines = (line.strip() for line in _SPACE_LIKE.sub(" ", "".join(parts)).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


# ------------------------------------------------------------------------------------ line spacing


def _keep_line_spacing(root: Any) -> None:
    """Word's paragraphs have no margins, and a block holding only &nbsp; is a deliberate blank line."""
    for block in root.iter("p", "div"):
        if block.tag == "p" and "MsoNormal" in (block.get("class") or ""):
            block.tag = "div"
        if _is_blank_block(block):
            tail = block.tail
            block.clear()
            block.tail = tail
            block.append(etree.Element("br"))


def _is_blank_block(block: Any) -> bool:
    """Only whitespace with a no-break space in it, at most two wrappers deep (<p><span><o:p>&nbsp;)."""
    texts = [block.text or ""]
    element = block
    for _ in range(3):
        if len(element) == 0:
            joined = "".join(texts)
            return "\u00a0" in joined and not joined.strip()
        if len(element) > 1 or element[0].tag in ("br", "img", "hr", "table"):
            return False
        element = element[0]
        texts += [element.text or "", element.tail or ""]
    return False
