# ruff: noqa  (an independent tester's tools, kept as written)
"""Builders for the held-out injection corpus (independent tester).

Each spec is a dict; see data_*.py.  Output is deterministic.
"""
import hashlib
import html
import re
import struct
import zlib
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

HTML_TECHS = {"hidden_html", "html_comment", "white_on_white", "zero_size", "alt_text"}


# ---------------------------------------------------------------- helpers
def _h(spec, salt=""):
    return hashlib.sha256((spec["file"] + salt).encode()).hexdigest()


def png_bytes(w=48, h=32, seed=0):
    """A small valid greyish PNG (gradient), no external libraries."""
    raw = b""
    for y in range(h):
        row = bytes([0])
        for x in range(w):
            v = (x * 3 + y * 5 + seed) % 96 + 120
            row += bytes([v, v, min(255, v + 20)])
        raw += row

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def pdf_bytes(lines):
    """A minimal one-page PDF showing some ASCII lines."""
    def esc(s):
        s = s.encode("latin-1", "replace").decode("latin-1")
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    text = "BT /F1 11 Tf 60 780 Td 14 TL " + " ".join(f"({esc(l)}) '" for l in lines) + " ET"
    stream = text.encode("latin-1", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def msgid(addr, seed):
    dom = addr.split("@", 1)[1]
    if dom == "gmail.com":
        tail = hashlib.sha256(seed.encode()).hexdigest()
        return f"<CA{tail[:6].upper()}+{tail[6:30]}={tail[30:34]}@mail.gmail.com>"
    h = hashlib.sha256(seed.encode()).hexdigest()
    return f"<{h[:12]}.{h[12:20]}.{int(h[20:26], 16)}@{dom}>"


def insert(paras, at, block):
    return list(paras[:at]) + [block] + list(paras[at:])


def text_of(paras):
    return "\n\n".join(paras) + "\n"


def quote_lines(paras):
    out = []
    for i, p in enumerate(paras):
        if i:
            out.append(">")
        for line in p.split("\n"):
            out.append("> " + line if line else ">")
    return "\n".join(out)


def plain_to_html(text):
    """Simple HTML rendering of a plain body (used for visible techniques)."""
    blocks = text.strip("\n").split("\n\n")
    ps = []
    for b in blocks:
        if all(l.startswith(">") for l in b.split("\n")):
            inner = "<br>\n".join(html.escape(l[1:].lstrip(), quote=False) for l in b.split("\n"))
            ps.append(f'<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">{inner}</blockquote>')
        else:
            ps.append("<p>" + "<br>\n".join(html.escape(l, quote=False) for l in b.split("\n")) + "</p>")
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\n"
            "<body><div dir=\"ltr\" style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px\">\n"
            + "\n".join(ps) + "\n</div></body></html>\n")


def html_with_injection(spec):
    """HTML body with the injection placed according to spec['tpl']."""
    inj = spec["inj"]
    fill = {
        "inj": html.escape(inj, quote=False),
        "inj_attr": html.escape(inj, quote=True),
        "inj_raw": inj,
        "cid": spec.get("cid", ""),
    }
    snippet = spec["tpl"].format(**fill)
    at = spec["at"]
    mode = spec.get("mode", "after")  # after: own block after paragraph at-1; inline: inside paragraph at
    parts = []
    for i, p in enumerate(spec["body"]):
        body = "<br>\n".join(html.escape(l, quote=False) for l in p.split("\n"))
        if mode == "inline" and i == at:
            body = body + " " + snippet
        if mode == "after" and i == at:
            parts.append(snippet)
        parts.append(f"<p>{body}</p>")
    if mode == "after" and at >= len(spec["body"]):
        parts.append(snippet)
    bstyle = spec.get("body_style", "")
    battr = f' style="{bstyle}"' if bstyle else ""
    extra_attr = spec.get("body_attr", "")
    font = spec.get("font", "Calibri,Arial,sans-serif")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            + spec.get("head", "") + "</head>\n"
            f"<body{battr}{extra_attr}>\n<div style=\"font-family:{font};font-size:14px;color:#222222\">\n"
            + "\n".join(parts) + "\n</div>\n</body></html>\n")


def _cte(s):
    return "7bit" if s.isascii() else "quoted-printable"


def set_text(msg, text):
    msg.set_content(text, cte=_cte(text))


# ---------------------------------------------------------------- build
def build(spec):
    t = spec["tech"]
    m = EmailMessage(policy=policy.default)
    m["From"] = formataddr(spec["frm"])
    m["To"] = formataddr(spec["to"])
    if spec.get("cc"):
        m["Cc"] = formataddr(spec["cc"])
    m["Subject"] = spec["subject"]
    m["Date"] = format_datetime(datetime.strptime(spec["date"], "%Y-%m-%d %H:%M:%S %z"))
    m["Message-ID"] = msgid(spec["frm"][1], spec["file"])
    if spec.get("in_reply_to"):
        m["In-Reply-To"] = spec["in_reply_to"]
        m["References"] = spec["in_reply_to"]
    for k, v in spec.get("headers", []):
        m[k] = v

    body = spec["body"]
    if t in HTML_TECHS:
        plain_paras = insert(body, spec["at"], spec["inj"]) if spec.get("plain_inj") else body
        set_text(m, text_of(plain_paras))
        h = html_with_injection(spec)
        m.add_alternative(h, subtype="html", cte="quoted-printable")
        if spec.get("cid"):
            hp = m.get_payload()[1]
            hp.add_related(png_bytes(seed=len(spec["file"])), "image", "png",
                           cid=f"<{spec['cid']}>", filename=spec.get("img_name", "image001.png"),
                           disposition="inline")
    elif t == "fake_system_block":
        text = text_of(insert(body, spec["at"], spec["inj"]))
        set_text(m, text)
        if spec.get("html_alt"):
            m.add_alternative(plain_to_html(text), subtype="html", cte="quoted-printable")
    elif t == "quoted":
        q = spec["quote"]
        qparas = insert(q["body"], q["at"], spec["inj"])
        if q.get("style", ">") == ">":
            qtext = q["header"] + "\n" + quote_lines(qparas)
        else:  # outlook-style original message block
            qtext = q["header"] + "\n\n" + "\n\n".join(qparas)
        text = text_of(body + [qtext])
        set_text(m, text)
        if spec.get("html_alt"):
            m.add_alternative(plain_to_html(text), subtype="html", cte="quoted-printable")
    elif t == "forwarded":
        f = spec["fwd"]
        fparas = insert(f["body"], f["at"], spec["inj"])
        if f.get("mode", "inline") == "inline":
            text = text_of(body + [f["header"] + "\n\n" + "\n\n".join(fparas)])
            set_text(m, text)
        else:
            set_text(m, text_of(body))
            inner = EmailMessage(policy=policy.default)
            for k, v in f["headers"]:
                inner[k] = v
            inner["Message-ID"] = msgid(f["msgid_addr"], spec["file"] + "inner")
            set_text(inner, text_of(fparas))
            m.add_attachment(inner, filename=f.get("filename"))
            part = m.get_payload()[-1]
            part.replace_header("Content-Transfer-Encoding", "7bit")
    elif t == "attachment_name":
        set_text(m, text_of(body))
        a = spec["att"]
        data = pdf_bytes(a.get("pdf_lines", ["Scan"])) if a["ctype"] == "application/pdf" else png_bytes(seed=7)
        mt, st = a["ctype"].split("/")
        m.add_attachment(data, maintype=mt, subtype=st, filename=spec["inj"])
    elif t == "base64_part":
        set_text(m, text_of(body))
        a = spec["att"]
        content = a["text"].replace("{inj}", spec["inj"])
        st = a.get("subtype", "plain")
        m.add_attachment(content, subtype=st, cte="base64", filename=a.get("filename"),
                         disposition=a.get("disposition", "attachment"))
    else:
        raise ValueError(t)

    # cosmetic: no MIME-Version on sub-parts, deterministic boundaries
    inner_msgs = set()
    for part in m.walk():
        if part.get_content_type() == "message/rfc822":
            inner_msgs.update(id(x) for x in part.get_payload())
    dom = spec["frm"][1].split("@", 1)[1]
    if dom == "gmail.com":
        bstyle = "000000000000{h16}"
    elif dom.split(".")[0] in ("outlook", "hotmail", "live"):
        bstyle = "_00{i}_{H20}_"
    elif dom in ("icloud.com",):
        bstyle = "Apple-Mail={H8}-{H4}-{H4b}"
    else:
        bstyle = "----=_Part_{i}_{d8}.{d13}"
    for i, part in enumerate(m.walk()):
        if part is not m and id(part) not in inner_msgs and "MIME-Version" in part:
            del part["MIME-Version"]
        if part.is_multipart() and part.get_content_type().startswith("multipart/"):
            h = _h(spec, str(i))
            part.set_boundary(bstyle.format(h16=h[:16] + f"{i:02d}", H20=h[:20].upper(), i=i,
                                            H8=h[:8].upper(), H4=h[8:12].upper(), H4b=h[12:16].upper(),
                                            d8=int(h[:7], 16), d13=int(h[7:18], 16)))
    return m.as_bytes(policy=policy.default)
