"""The shipped workbooks are build outputs: rebuilt here and compared with workbook/ by meaning, not bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from factories import load_script

ROOT = Path(__file__).resolve().parents[2]


def _builder() -> Any:
    return load_script("build_workbooks")


def meaning(path: Path) -> dict:
    """What a workbook says: sheets, cell values, tables, validations, names, merged cells, links."""
    book = openpyxl.load_workbook(path)
    result: dict = {"sheets": book.sheetnames, "names": sorted((n, d.attr_text) for n, d in book.defined_names.items())}
    for ws in book.worksheets:
        result[ws.title] = {
            "values": [list(r) for r in ws.iter_rows(values_only=True)],
            "tables": sorted((name, ref) for name, ref in ws.tables.items()),
            "validations": sorted((str(dv.sqref), dv.type, dv.formula1) for dv in ws.data_validations.dataValidation),
            "links": sorted((c.coordinate, c.hyperlink.target) for row in ws.iter_rows() for c in row if c.hyperlink),
            "freeze": ws.freeze_panes,
        }
    return result


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbook")
    template, demo = _builder().build(folder)
    return {"template.xlsx": template, "demo.xlsx": demo}


@pytest.mark.parametrize("name", ["template.xlsx", "demo.xlsx"])
def test_shipped_workbook_is_current(rebuilt, name):
    shipped = ROOT / "workbook" / name
    assert shipped.exists(), "run: python scripts/build_workbooks.py"
    assert meaning(rebuilt[name]) == meaning(shipped), (
        f"workbook/{name} is out of date with the code; run: python scripts/build_workbooks.py")
