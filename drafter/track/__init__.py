"""Track: after delivery, what the agent did with each draft and whether the follow-up it promised was kept.

    ledger.py   the tracking store ([tracking] store_path): drafts delivered, replies sent, commitments
    sent.py     the agent's Sent folder over IMAP, read-only and incremental
    edits.py    how much each section was changed before sending
    sync.py     drafter sync: match sent replies to drafts, record commitments, settle them
    reminders.py  the reminder draft for a follow-up due with nothing sent, once
"""
