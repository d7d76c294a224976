"""Reasons in plain words, built a column at a time: joining, choosing and formatting text over a whole table.

Each helper takes and returns Series, but works on the plain values inside them: a season has tens of rows, where
one pandas operation costs more than the Python loop over the rows, and a national list's 13,000 rows take a
loop of string operations just as numpy's object arrays would.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def _blank(value: object) -> bool:
    """Whether a cell is missing the way ``Series.fillna`` sees it (None, NaN, NaT, NA)."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def texts(part: pd.Series) -> list[object]:
    """The values of a Series, "" where missing (as ``part.fillna("")`` gives them)."""
    return [v if type(v) is str else "" if _blank(v) else v for v in part.tolist()]


def join_text(parts: Iterable[pd.Series], sep: str = "; ") -> pd.Series:
    """Join text Series element-wise, skipping blanks: ("a", "", "c") -> "a; c"."""
    result: list[object] | None = None
    index = None
    for part in parts:
        values = texts(part)
        if result is None:
            result, index = values, part.index
            continue
        result = [v if r == "" else r if v == "" else r + sep + v  # type: ignore[operator]
                  for r, v in zip(result, values, strict=True)]
    if result is None:
        return pd.Series(dtype=object)
    return pd.Series(result, index=index, dtype=object)


def _flags(mask: pd.Series) -> np.ndarray:
    """A mask as a numpy bool array, missing as False."""
    if mask.dtype == bool:
        return mask.to_numpy()
    return mask.fillna(False).astype(bool).to_numpy()


def text_where(mask: pd.Series, text: pd.Series | str) -> pd.Series:
    """``text`` where ``mask`` holds, "" elsewhere (object dtype, same index as the mask)."""
    holds = _flags(mask)
    values = np.full(len(holds), "", dtype=object)
    if holds.any():
        if isinstance(text, pd.Series):
            aligned = text if text.index.equals(mask.index) else text.reindex(mask.index)
            values[holds] = aligned.to_numpy(dtype=object)[holds]
        else:
            values[holds] = text
    return pd.Series(values, index=mask.index, dtype=object)


def whole(values: pd.Series) -> pd.Series:
    """Numbers as text without decimals ('236'), "" where blank."""
    if values.dtype.kind not in "fiu":
        rounded = values.round()
        return pd.Series(np.where(rounded.isna(), "", rounded.fillna(0).astype("int64").astype(str)),
                         index=values.index, dtype=object)
    # round() rounds half to even, as numpy does
    return pd.Series(["" if v != v else str(round(v)) for v in values.tolist()], index=values.index,
                     dtype=object)


def money(values: pd.Series) -> pd.Series:
    """USD amounts as '$1,250'; "" where unknown."""
    if values.dtype.kind not in "fiu":
        out = pd.Series("", index=values.index, dtype=object)
        known = values.notna()
        if known.any():
            out[known] = values[known].map("${:,.0f}".format)
        return out
    return pd.Series(["" if v != v else f"${v:,.0f}" for v in values.tolist()], index=values.index, dtype=object)


def capitalised(reasons: pd.Series) -> pd.Series:
    """Reasons starting with a capital letter."""
    texts = reasons.astype(str)  # the string dtype: a missing reason stays missing
    return pd.Series([v[:1].upper() + v[1:] if isinstance(v, str) else v for v in texts.tolist()],
                     index=texts.index, dtype=texts.dtype, name=reasons.name)


def unique_clauses(text: pd.Series, sep: str = "; ") -> pd.Series:
    """Each cell with a clause that repeats an earlier one (ignoring case) left out: "a; b; A" -> "a; b"."""
    cells = [str(v) for v in texts(text)]
    result = []
    for cell in cells:
        seen: set[str] = set()
        kept = []
        for clause in cell.split(sep):
            key = clause.strip().casefold()
            if key and key not in seen:
                seen.add(key)
                kept.append(clause)
        result.append(sep.join(kept))
    return pd.Series(result, index=text.index, dtype=object)
