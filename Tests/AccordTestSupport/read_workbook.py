"""Reads an .xlsx workbook with openpyxl and prints what it holds as JSON: each sheet's
name, frozen panes, autofilter range, column widths and cells (type, value, number format,
bold). Used by the tests as a reader independent of the writer."""
import datetime
import json
import sys

from openpyxl import load_workbook


def cell(c):
    value = c.value
    if value is None:
        kind = "blank"
    elif c.is_date:
        kind = "date"
        value = (value.date() if isinstance(value, datetime.datetime) else value).isoformat()
    elif isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, (int, float)):
        kind = "number"
        value = float(value)
    else:
        kind = "text"
        value = str(value)
    return {"type": kind, "value": value, "format": c.number_format, "bold": bool(c.font and c.font.b)}


def main(path):
    workbook = load_workbook(path)
    created = workbook.properties.created
    out = {"title": workbook.properties.title, "created": created.isoformat() if created else None, "sheets": []}
    for sheet in workbook.worksheets:
        widths = {}
        for letter, dimension in sheet.column_dimensions.items():
            if dimension.width:
                widths[letter] = dimension.width
        out["sheets"].append({
            "name": sheet.title,
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "widths": widths,
            "rows": [[cell(c) for c in row] for row in sheet.iter_rows()],
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
