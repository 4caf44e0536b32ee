"""The QA replay tool, `drafter replay DIR`: a corpus of emails drafted from recorded model answers, checked, reported.

    command.py       the click command: options, the order of the steps below, exit status
    expectations.py  NAME.expect.toml: what QA expects of NAME.eml, and the check of a record against it
    recordings.py    the recordings: their `meta` (what answered), their day, record commands, pruning
    run.py           the corpus run: each email through `drafter.pipeline.draft_reply`, a few at a time
    report.py        each email's EmailRecord from its DraftResult, the totals, the JSON report
    compare.py       `--compare OLD.json`: newly failing, newly passing and changed drafts
    html.py          the self-contained HTML page, rendered from the JSON report (templates/report.html.j2)
    display.py       the terminal: progress while drafting, then the summary and what needs a look
    values.py        the typed values passed between them (EmailRecord, Report, Comparison…)
    stub_model.py    a model-shaped stub server to record against (tests, benchmarks, the sample corpus)

The CLI imports `drafter.replay.command:replay_command` only when the command runs, so this
package imports nothing here.
"""
