"""Reading cells of an uploaded Excel sheet: the same rules for every importer (awards, scoring, reports)."""

import datetime

DATE_PATTERNS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def cell_text(value):
    """The cell as stripped text; a number typed as 1 comes back from Excel as 1.0 and is read as "1"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_date(value):
    """A date typed as a date or as dd/mm/yyyy (or yyyy-mm-dd) text; None when empty; ValueError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = cell_text(value)
    for pattern in DATE_PATTERNS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(raw)
