"""A dashboard table as a CSV file that spreadsheet programs open as they should.

UTF-8 with a byte order mark (so Excel reads å, ä and ö right), the header row in the reader's
language, dates as ISO 8601 and decimals with a point. A cell a spreadsheet would read as a
formula (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe.
"""

import csv
import io
from datetime import date

from flask_babel import gettext as _

from app.dashboard.cells import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """``text``, which a spreadsheet will show as text and never run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return defused(str(value))


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([defused(str(heading)) for heading in table.headings])
    for row in table.rows:
        writer.writerow([cell_text(cell.value) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def filename(table: Table, municipality_slug: str, year_slug: str) -> str:
    """``tornio-2025-26-joint-units.csv``: municipality, school year, table."""
    return f"{municipality_slug}-{year_slug}-{table.name}.csv"
