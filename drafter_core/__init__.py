"""What every part of drafter shares and none of them owns: the ground floor the others stand on.

    values.py    the typed values passed between stages (Complaint, Plan, Sections, Verdict, Reply…)
    settings.py  the one settings object, read from drafter.toml and the environment
    errors.py    the one exception tree
    calendar.py  business days and "today" in the configured time zone
    data/        what a support lead edits without touching Python (prompts, topics, gestures,
                 reply words, guardrail phrases and rule texts); every path is a [data] setting

`drafter` (the pipeline), `guardrails` and `api` import from here; this package imports none of them.
"""
