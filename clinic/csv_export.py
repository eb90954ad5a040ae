"""CSV that is safe to open in a spreadsheet."""

import csv
import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe (OWASP)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_rows(header, rows):
    """Yield CSV text, one line at a time, for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [header, *rows]:
        writer.writerow([neutralise_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
