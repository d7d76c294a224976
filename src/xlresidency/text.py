"""Reasons in plain words, built a column at a time: joining, choosing and formatting text over a whole table."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def join_text(parts: Iterable[pd.Series], sep: str = "; ") -> pd.Series:
    """Join text Series element-wise, skipping blanks: ("a", "", "c") -> "a; c"."""
    result: np.ndarray | None = None
    index = None
    for part in parts:
        values = part.fillna("").astype(object).to_numpy()
        if result is None:
            result, index = values, part.index
            continue
        joined = np.where(result == "", values, np.where(values == "", result, result + sep + values))
        result = joined
    if result is None:
        return pd.Series(dtype=object)
    return pd.Series(result, index=index, dtype=object)


def text_where(mask: pd.Series, text: pd.Series | str) -> pd.Series:
    """``text`` where ``mask`` holds, "" elsewhere (object dtype, same index as the mask)."""
    holds = mask.fillna(False).astype(bool).to_numpy()
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
    rounded = values.round()
    return pd.Series(np.where(rounded.isna(), "", rounded.fillna(0).astype("int64").astype(str)),
                     index=values.index, dtype=object)


def money(values: pd.Series) -> pd.Series:
    """USD amounts as '$1,250'; "" where unknown."""
    out = pd.Series("", index=values.index, dtype=object)
    known = values.notna()
    if known.any():
        out[known] = values[known].map("${:,.0f}".format)
    return out


def capitalised(reasons: pd.Series) -> pd.Series:
    """Reasons starting with a capital letter."""
    return reasons.astype(str).str[:1].str.upper() + reasons.astype(str).str[1:]


def unique_clauses(text: pd.Series, sep: str = "; ") -> pd.Series:
    """Each cell with a clause that repeats an earlier one (ignoring case) left out: "a; b; A" -> "a; b"."""
    cells = text.fillna("").astype(str).reset_index(drop=True)
    clauses = cells.str.split(sep, regex=False).explode()
    keys = clauses.str.strip().str.casefold()
    kept = clauses[(keys != "") & ~pd.DataFrame({"row": clauses.index, "key": keys}).duplicated().to_numpy()]
    joined = kept.groupby(level=0).agg(sep.join).reindex(cells.index).fillna("")
    return pd.Series(joined.to_numpy(dtype=object), index=text.index, dtype=object)
