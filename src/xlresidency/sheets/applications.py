"""The Applications sheet: where to apply and what to signal, the list's fee and match chance, and its chart."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import facts
from ..core.records import Season
from ..core.schema import STATUSES
from ..plan import SeasonPlan
from ..rules.applications import (
    ALREADY_APPLIED,
    APPLICATION_COLUMNS,
    APPLY,
    APPLY_GOLD,
    APPLY_SILVER,
    SKIP,
    ApplicationList,
    allowance_words,
)
from .layout import AMBER, GREEN, GREY, LineChart, OutputSheet

CHART_POINTS = 300
"""Most list lengths the chart shows."""


def applications_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Applications sheet (first output sheet): sent applications, then the advice in Order, then Skips."""
    advice = plan.applications
    if advice is None:
        raise ValueError("the season plan has no application advice")
    table = advice.table
    status_rank = table["Status"].map({s: i for i, s in enumerate(STATUSES)}).fillna(len(STATUSES))
    # Sent applications first, then the Order, then the programs not to apply to.
    group = pd.Series(np.select([table["Advice"] == ALREADY_APPLIED, table["Order"].notna()], [0, 1], 2),
                      index=table.index)
    frame = table.assign(_group=group, _status=status_rank, _fit=table["Fit"].astype(float))
    frame = frame.sort_values(["_group", "_status", "Order", "_fit", "Program"],
                              ascending=[True, True, True, False, True], na_position="last", kind="stable")
    frame = frame.loc[:, list(APPLICATION_COLUMNS)].reset_index(drop=True)
    return OutputSheet(
        "Applications", frame, note=_note(advice),
        widths={"Program": 34, "Status": 13, "Fit": 6, "Tier": 8, "Interview chance": 10, "Drivers": 60,
                "Advice": 18, "Why": 50, "Order": 7, "Cumulative fee": 11},
        wrap=("Program", "Drivers", "Why"),
        fills={"Advice": {APPLY: GREEN, APPLY_GOLD: GREEN, APPLY_SILVER: GREEN, ALREADY_APPLIED: AMBER, SKIP: GREY}},
        number_formats={"Fit": "0", "Interview chance": '0"%"', "Order": "0", "Cumulative fee": "$#,##0"},
        footer=[[line] for line in footer_lines(plan.season, advice)],
        chart=_chart(advice),
    )


def _note(advice: ApplicationList) -> str:
    added = advice.recommended
    return (f"{advice.sent} application(s) sent, {added} more recommended: estimated match chance "
            f"{advice.match_chance:.0%} (you want {advice.wanted:.0%}). Chances are estimates from the model's "
            "figures on Settings, not promises.")


def footer_lines(season: Season, advice: ApplicationList) -> list[str]:
    """The list in words: its size, fee against the budget, expected interviews, match chance and sources."""
    settings = season.settings
    total = advice.sent + advice.recommended
    lines = [f"The list: {total} program(s), {advice.sent} already sent and {advice.recommended} to add in Order."]
    budget = advice.budget
    fee = f"ERAS fee of the list: ${advice.fee:,.0f}"
    lines.append(fee + (f" of your ${budget:,.0f} application budget." if budget is not None
                        else " (no Application budget on Profile: no limit)."))
    lines.append(f"Expected interviews: {advice.expected_interviews:.1f}. Estimated match chance: "
                 f"{advice.match_chance:.0%} (you want {advice.wanted:.0%}).")
    if not advice.reached:
        lines.append(f"Cannot reach {advice.wanted:.0%}: {advice.why_short}.")
    if advice.diminishing is not None:
        line = f"Beyond {advice.diminishing} application(s), one more adds under one percentage point."
        published = facts.specialty_fact("applysmart.pdr.", advice.specialty)
        if published is not None:
            line += (f" For comparison, about {published.number:,.0f} for non-US IMGs in {advice.specialty} "
                     f"({published.source}).")
        lines.append(line)
    allowance = allowance_words(settings, advice.specialty)
    lines.append(f"Signals in {advice.specialty or 'your specialty'}: {allowance} (Settings), the advised ones "
                 "where they raise the interview chance most.")
    lines.append("Sources: the interview rates, the factors and the match chance per interview are assumptions "
                 "where no public figure exists (each row of templates/facts.csv and Settings says which); "
                 f"signals: {facts.fact('signals.gold.internal_medicine').source}; ERAS fees: "
                 f"{facts.fact('eras.fee_first_30').cited}")
    return lines


def _chart(advice: ApplicationList) -> LineChart | None:
    if len(advice.curve) < 2:
        return None
    curve = advice.curve.iloc[:CHART_POINTS]
    marked = advice.sent + advice.recommended
    data = pd.DataFrame({
        "Applications": curve.index.astype(int),
        "Estimated match chance": curve.to_numpy().round(4),
        "Recommended list": [round(float(v), 4) if n == marked else None for n, v in curve.items()],
    })
    return LineChart("Estimated match chance by number of applications", "Match chance", data,
                     markers_only=("Recommended list",))
