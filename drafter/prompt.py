"""Render the jinja2 prompts in prompts/: system (stable prefix), user (facts + email), repair."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from drafter_core.errors import ConfigError
from drafter_core.language import LANGUAGE_NAMES
from drafter_core.replies import long_date
from drafter_core.settings import Settings
from drafter_core.values import BODY_SHOWN_CHARS, SECTION_NAMES, Complaint, Facts, Plan, Sections

Message = dict[str, str]
# The customer's text sits between these markers in user.j2, each carrying a tag drawn from the email
# itself (`boundary_tag`), so no email can write its closing marker in advance; it may not contain them.
DELIMITERS = re.compile(r"<{2,}\s*CUSTOMER_EMAIL|CUSTOMER_EMAIL(?:\s+[0-9a-f]{1,64})?\s*>{2,}", re.IGNORECASE)
TEMPLATES = ("system.j2", "user.j2", "repair.j2", "reply_body.j2", "review_note.j2", "offline.j2", "reminder.j2")
REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|vs|antw|réf|ref|rif|tr|wg|fw|fwd)\s*(?:\[\d+\])?\s*:\s*)+",
                          re.IGNORECASE)


@lru_cache(maxsize=8)
def environment(prompts_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        auto_reload=False,  # read and checked once at start-up (load_templates), like the phrase and rule books
    )


def load_templates(settings: Settings) -> None:
    """Compile every template now: a missing or broken one is a ConfigError naming it."""
    env = environment(settings.data.prompts_dir)
    languages = sorted(p.name for stem in ("offline", "review_note", "reminder")
                       for p in settings.data.prompts_dir.glob(f"{stem}.*.j2"))
    for name in (*TEMPLATES, *languages):
        try:
            env.get_template(name)
        except jinja2.TemplateNotFound:
            raise ConfigError(f"{settings.data.prompts_dir}: no {name} (check [data] prompts_dir; "
                              "`drafter data --copy-to DIR` copies a complete folder)") from None
        except jinja2.TemplateSyntaxError as exc:
            raise ConfigError(f"{exc.filename or name}: line {exc.lineno}: {exc.message}") from None


def follow_up_text(day: dt.date, language: str) -> str:
    """English drafts get an unambiguous long date; other languages the ISO date, which survives translation."""
    if language == "en":
        return f"{day:%A}, {day.day} {day:%B %Y}"
    return day.isoformat()


def strip_reply_prefix(subject: str) -> str:
    """'Re: AW: Fwd: late parcel' → 'late parcel', on one line (customer text never spans header lines)."""
    return REPLY_PREFIX.sub("", " ".join(subject.split()))


def _first_facts(facts: Facts, limit: int = 10) -> Facts:
    """At most `limit` identifiers of each kind reach a prompt: a pasted statement must not flood the draft."""
    return Facts(**{kind: values[:limit] for kind, values in facts.model_dump().items()})


def untrusted(text: str, limit: int) -> str:
    """Customer text made safe to delimit: forged markers defused, length bounded (and the cut said)."""
    text = DELIMITERS.sub("CUSTOMER-EMAIL", text)
    return text if len(text) <= limit else text[:limit] + f"\n[… {len(text) - limit} more characters not shown]"


def boundary_tag(complaint: Complaint) -> str:
    """Eight hex digits of a hash of the email: a marker the email would have to contain its own hash to forge
    (spotlighting by delimiters, Hines et al. 2024); the same email always gets the same prompt."""
    return hashlib.sha256(f"{complaint.subject}\n{complaint.body}".encode()).hexdigest()[:8]


def _context(complaint: Complaint, plan: Plan) -> dict[str, Any]:
    return {
        "boundary": boundary_tag(complaint),
        "language": plan.language,
        "language_name": LANGUAGE_NAMES.get(plan.language, plan.language),
        "follow_up_text": follow_up_text(plan.follow_up_date, plan.language),
        "gesture": plan.gesture,
        "gesture_wording": plan.gesture.wording_in(plan.language),
        "facts": _first_facts(complaint.facts),
        "subject": untrusted(complaint.subject, 500),
        "topic_subject": strip_reply_prefix(complaint.subject),
        "body": untrusted(complaint.body, BODY_SHOWN_CHARS),
        "customer_name": complaint.from_name,
        "topic": plan.topic,
        "severity": plan.severity,
    }


def render(settings: Settings, template: str, **context: Any) -> str:
    return environment(settings.data.prompts_dir).get_template(template).render(**context).strip()


def draft_messages(complaint: Complaint, plan: Plan, settings: Settings) -> list[Message]:
    """System first (identical for every email), then the user turn with the facts and the email."""
    return [
        {"role": "system", "content": render(settings, "system.j2", support_name=settings.support.name)},
        {"role": "user", "content": render(settings, "user.j2", **_context(complaint, plan))},
    ]


def repair_messages(
    previous: list[Message], answer: str, problems: list[str], plan: Plan, settings: Settings
) -> list[Message]:
    """The conversation so far, the rejected answer, and one line per problem to fix."""
    text = render(settings, "repair.j2", problems=problems,
                  follow_up_text=follow_up_text(plan.follow_up_date, plan.language))
    return [*previous, {"role": "assistant", "content": answer}, {"role": "user", "content": text}]


def offline_template(language: str, settings: Settings) -> str | None:
    """prompts/offline.<language>.j2 when the data folder has one ("offline.j2" is English); None when it has not:
    an English offline draft is no answer to a German customer."""
    name = language_template("offline", language, settings)
    return None if language != "en" and name == "offline.j2" else name


def language_template(stem: str, language: str, settings: Settings) -> str:
    """prompts/<stem>.<language>.j2 when the data folder has one, else the English <stem>.j2."""
    name = f"{stem}.{language}.j2"
    return name if language != "en" and (settings.data.prompts_dir / name).is_file() else f"{stem}.j2"


def offline_sections(complaint: Complaint, plan: Plan, settings: Settings) -> Sections:
    """The offline backend's deterministic draft: one macro per section in prompts/offline[.<language>].j2."""
    context = _context(complaint, plan)
    context["follow_up_text"] = long_date(plan.follow_up_date, plan.language, settings.data.replies_file)
    template = offline_template(plan.language, settings) or "offline.j2"
    module = environment(settings.data.prompts_dir).get_template(template).make_module(context)
    parts = {name: " ".join(str(getattr(module, name)()).split()) for name in SECTION_NAMES}
    return Sections(**parts)
