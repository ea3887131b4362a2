"""Which audited actions are someone seeing a child's record, and how an access log says them. Pure.

The log is CP-IS's idea, kept for every agency: the child's lead practitioner and the involved safeguarding leads
see every view and export of the record, and an auditor sees what any user looked at. An action counts as a view
when it is listed here or is named as one (`*.viewed`, `*_viewed`, `*.exported`, `*.downloaded`), so a page added
later shows in the log without anyone remembering to list it.
"""

# The views and exports macpu records, in words that follow "who" in the log: "Amara Okafor opened the record".
_SAID = {
    "child.viewed": "opened the child's record",
    "chronology.viewed": "read the chronology",
    "chronology.exported": "exported the chronology",
    "chronology.version_viewed": "read a saved version of the chronology",
    "pathway.viewed": "read the child protection pathway",
    "gaps.findings_viewed": "read the possible gaps between agencies",
    "sharing.ledger_viewed": "read the sharing history",
    "disagreement.viewed": "read a professional disagreement",
    "disagreements.listed": "read the professional disagreements",
    "export.requested": "asked for an export",
    "export.downloaded": "downloaded an export",
    "pathway.cpis_extract_downloaded": "downloaded the CP-IS extract",
    "oversight.access_log_viewed": "read who has seen the record",
    "oversight.subject_access_exported": "exported the record for a subject access request",
    "access.denied": "was refused access",
    "access.break_glass": "used emergency access (break-glass)",
}
_READ_ENDINGS = (".viewed", "_viewed", ".exported", "_exported", ".downloaded", "_downloaded")


def is_a_view(action: str) -> bool:
    """True when the action is someone seeing or taking away the child's data (or being refused it)."""
    return action in _SAID or action.endswith(_READ_ENDINGS)


def said(action: str) -> str:
    """What the person did, in words: 'read the chronology'."""
    if action in _SAID:
        return _SAID[action]
    app, _, what = action.partition(".")
    return f"{what.replace('_', ' ')} ({app})" if what else action
