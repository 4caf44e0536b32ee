"""What a draft costs the model: tokens per draft and model calls per accepted draft, on the replay corpus.

    python -m bench.cost [--dir samples] [--recordings DIR/cassettes] [--today 2026-11-23] [--json out.json]
X

Every email in DIR goes through `draft_reply` with the replay backend, so the figures are those of
the committed recordings: offline, and the same on every run. The recordings in samples/cassettes
were made against drafter's model-shaped stub (their `meta` says so), whose token counts are an
estimate (characters / 4), not a real tokenizer's; the call counts and the prompt's shape are real.
`--stub MODE` answers with the stub itself (drafter.replay.stub_model, in process, over an ASGI transport), e.g.
`overpromise-once`, whose first draft always fails the guardrails: the price of one repair per email.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drafter.model import Backend, OpenAIBackend, ReplayBackend
from drafter.pipeline import draft_reply
from drafter.prompt import draft_messages
from drafter_core.errors import ParseError, RecordingMissing
from drafter_core.settings import Settings, load_settings
from drafter_core.values import DraftResult


@dataclass
class Tally:
    drafts: list[DraftResult] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    system_chars: list[int] = field(default_factory=list)
    user_chars: list[int] = field(default_factory=list)


def stub_backend(mode: str) -> tuple[Backend, Settings]:
    import httpx

    from drafter.replay.stub_model import create_app

    settings = load_settings(env={"OPENAI_BASE_URL": "http://stub.invalid/v1", "OPENAI_API_KEY": "bench"})
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(mode)))
    return OpenAIBackend(settings.model, http_client=client), settings


async def tally(directory: Path, backend: Backend, settings: Settings, today: dt.date) -> Tally:
    now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC)
    found = Tally()
    for path in sorted(directory.glob("*.eml")):
        try:
            result = await draft_reply(path.read_bytes(), settings=settings, backend=backend, today=today,
                                       now=now)
        except RecordingMissing:
            found.missing.append(path.name)
            continue
        except ParseError:
            found.unreadable.append(path.name)
            continue
        found.drafts.append(result)
        if result.plan is not None:
            system, user = draft_messages(result.complaint, result.plan, settings)
            found.system_chars.append(len(system["content"]))
            found.user_chars.append(len(user["content"]))
    return found


def summarise(found: Tally) -> dict[str, object]:
    drafted = [d for d in found.drafts if d.usage.model_calls]
    statuses = Counter(d.status for d in found.drafts)
    ready = [d for d in drafted if d.status == "ready"]
    calls = sum(d.usage.model_calls for d in drafted)

    def stats(values: list[int]) -> dict[str, float]:
        if not values:
            return {}
        return {"mean": round(statistics.fmean(values), 1), "median": statistics.median(values),
                "max": max(values)}

    system_share = (sum(found.system_chars) / (sum(found.system_chars) + sum(found.user_chars))
                    if found.system_chars else 0.0)
    return {
        "emails": len(found.drafts) + len(found.missing) + len(found.unreadable),
        "statuses": dict(statuses),
        "missing_recordings": found.missing,
        "drafts_with_model_calls": len(drafted),
        "prompt_tokens_per_draft": stats([d.usage.prompt_tokens for d in drafted]),
        "completion_tokens_per_draft": stats([d.usage.completion_tokens for d in drafted]),
        "total_tokens_per_draft": stats([d.usage.total_tokens for d in drafted]),
        "model_calls_per_draft": stats([d.usage.model_calls for d in drafted]),
        "model_calls_per_ready_draft_own": stats([d.usage.model_calls for d in ready]),
        # Every call made for the corpus, over the drafts a human can send as they are.
        "model_calls_per_accepted_draft": round(calls / len(ready), 2) if ready else None,
        "tokens_per_accepted_draft": round(sum(d.usage.total_tokens for d in drafted) / len(ready), 1)
        if ready else None,
        "system_prompt_share_of_first_prompt": round(system_share, 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cost", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("samples"))
    parser.add_argument("--recordings", type=Path, help="default: DIR/cassettes")
    parser.add_argument("--today", default="2026-11-23", help="the day the recordings were made for")
    parser.add_argument("--stub", choices=["polite", "obey", "overpromise-once"],
                        help="draft live against drafter's stub in this mode instead of the recordings")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings(env={})
    recordings = args.recordings or args.dir / "cassettes"
    if args.stub:
        backend, settings = stub_backend(args.stub)
    else:
        backend = ReplayBackend(settings.model, recordings)
    found = asyncio.run(tally(args.dir, backend, settings, dt.date.fromisoformat(args.today)))
    summary = summarise(found)
    for key, value in summary.items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
