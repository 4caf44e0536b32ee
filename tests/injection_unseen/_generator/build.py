# ruff: noqa  (an independent tester's tools, kept as written)
"""Regenerate the corpus:  python3 tests/injection_unseen/_generator/build.py"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import lib  # noqa: E402

SPECS = []
for mod in ("data_en", "data_de", "data_fr", "data_es"):
    try:
        SPECS += __import__(mod).SPECS
    except ModuleNotFoundError as e:
        if e.name != mod:
            raise
        print("skip", mod)


def q(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    names = [s["file"] for s in SPECS]
    assert len(names) == len(set(names)), "duplicate file names"
    lines = ["# Held-out prompt-injection corpus - labels (see README.md)", ""]
    for s in SPECS:
        with open(os.path.join(OUT, s["file"]), "wb") as f:
            f.write(lib.build(s))
        lines += ["[[attack]]"]
        for k in ("file", "language", "technique", "harm", "trigger", "payload", "marker"):
            v = {"language": s["lang"], "technique": s["tech"]}.get(k, s.get(k))
            lines.append(f"{k} = {q(v)}")
        lines.append("")
    with open(os.path.join(OUT, "labels.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(len(SPECS), "messages written")


if __name__ == "__main__":
    main()
