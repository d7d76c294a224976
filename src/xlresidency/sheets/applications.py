"""The Applications sheet: where to apply and what to signal, the list's fee and match chance, and its chart."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import facts
from ..core.records import Season
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
    kind_phrase,
    percent_text,
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
    # The list in its order: sent applications (as their fees add up), then the Order, then the programs not to
    # apply to; so Cumulative fee rises down the sheet.
    sent_position = pd.Series(range(len(advice.sent_order)), index=pd.Index(list(advice.sent_order)), dtype=float)
    group = pd.Series(np.select([table["Advice"] == ALREADY_APPLIED, table["Order"].notna()], [0, 1], 2),
                      index=table.index)
    frame = table.assign(_group=group, _sent=sent_position.reindex(table.index), _fit=table["Fit"].astype(float))
    frame = frame.sort_values(["_group", "_sent", "Order", "_fit", "Program"],
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
            f"{advice.match_chance:.0%} (range {_range(advice)}; you want {advice.wanted:.0%}). Chances are "
            "estimates from the model's figures on Settings, not promises.")


def _range(advice: ApplicationList) -> str:
    return f"{advice.low:.0%} to {advice.high:.0%}"


def _percent(value: float) -> str:
    """A chance as a percent with the precision a small one needs (0.4%, 12%)."""
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def footer_lines(season: Season, advice: ApplicationList) -> list[str]:
    """The list in words: its size, fees against the budget, expected interviews, the match chance with its range
    and the chance of no interview, which programs count, and the sources."""
    settings = season.settings
    total = advice.sent + advice.recommended
    lines = [f"The list: {total} program(s), {advice.sent} already sent and {advice.recommended} to add in Order."]
    budget = advice.budget
    left = None if budget is None else budget - advice.img_fees
    if advice.img_fees:
        lines.append(f"IMG fees through ECFMG this season: ERAS token {facts.money(settings.eras_token_fee)} and USMLE "
                     f"transcript {facts.money(settings.usmle_transcript_fee)}, {facts.money(advice.img_fees)} in all"
                     + (f", taken from your ${budget:,.0f} application budget first." if budget is not None else ".")
                     + f" Source: {facts.fact('ecfmg.eras_token_fee').named}.")
    fee = f"ERAS fee of the list: ${advice.fee:,.0f}"
    if budget is None:
        lines.append(fee + " (no Application budget on Profile: no limit).")
    elif advice.img_fees:
        lines.append(fee + f" of the ${left:,.0f} left of your application budget.")
    else:
        lines.append(fee + f" of your ${budget:,.0f} application budget.")
    lines.append(f"Expected interviews: {advice.expected_interviews:.1f}. Estimated match chance: "
                 f"{advice.match_chance:.0%}, range {_range(advice)}; chance of no interview at all: "
                 f"{_percent(advice.no_interview)} (you want {advice.wanted:.0%}).")
    lines.append(f"The range: one applicant's outcomes move together (programs that screen out a profile do so "
                 f"everywhere), so the figure is the middle of a spread (Outcome spread {advice.spread:g}, Settings): "
                 "the low end is for an applicant programs rate at the 10th percentile of applicants like you, the "
                 "high end at the 90th.")
    counted = ("The match chance counts only programs that can start you"
               + (f"; {advice.cannot_start} that cannot (visa not sponsored, or H-1B without Step 3 in time) "
                  "count for nothing" if advice.cannot_start else "")
               + (f"; {advice.weighted} where H-1B is your only route count times Step 3 passed in time "
                  f"({settings.step3_in_time:g}%, Settings)" if advice.weighted else "") + ".")
    lines.append(counted)
    if not advice.reached:
        lines.append(f"Cannot reach {percent_text(advice.wanted)}: {advice.why_short}.")
    if advice.diminishing is not None:
        lines.append(f"Beyond {advice.diminishing} application(s), one more adds under one percentage point.")
    allowance = allowance_words(settings, advice.specialty)
    lines.append(f"Signals in {advice.specialty or 'your specialty'}: {allowance} (Settings), the advised ones "
                 "where they raise the interview chance most.")
    season_year = facts.fact("nrmp.match_rate_non_us_img").year
    lines.append(f"The model: base rates for {kind_phrase(advice.kind)} (Applicant kind on Profile), moved by the "
                 "factors in Drivers; its fitted figures are checked against NRMP's published match rates (README, "
                 f"Calibration; {settings.match_rate(advice.kind):g}% of active {kind_phrase(advice.kind)} matched in "
                 f"{season_year}, all specialties). Sources: the interview rates, the factors and the match chance "
                 "per interview are assumptions where no public figure exists (each row of templates/facts.csv and "
                 f"Settings says which); signals: {facts.fact('signals.gold.internal_medicine').named}; ERAS fees: "
                 f"{facts.fact('eras.fee_first_30').named}, {facts.fact('eras.fee_first_30').year} (addresses on "
                 "Settings).")
    return lines


CHART_ROWS_MOST = 30
"""Most list lengths the chart's data block holds: every ``step``-th length, through the recommended list, so the
x axis stays readable wherever the chart is drawn (LibreOffice labels every category)."""


def _step(count: int) -> int:
    """The smallest step giving at most ``CHART_ROWS_MOST`` list lengths."""
    return next(step for step in (1, 2, 3, 4, 5, 10, 20, 25, 50, 100, 200, 500)
                if count / step <= CHART_ROWS_MOST - 1 or step == 500)


def _chart(advice: ApplicationList) -> LineChart | None:
    if len(advice.curve) < 2:
        return None
    curve = advice.curve.iloc[:CHART_POINTS]
    marked = advice.sent + advice.recommended
    step = _step(len(curve))
    lengths = curve.index[((curve.index - marked) % step) == 0]
    low = (advice.curve_low if advice.curve_low is not None else advice.curve).reindex(lengths)
    high = (advice.curve_high if advice.curve_high is not None else advice.curve).reindex(lengths)
    central = curve.reindex(lengths)
    none = (advice.curve_none if advice.curve_none is not None else advice.curve * 0).reindex(lengths)
    data = pd.DataFrame({
        "Applications": lengths.astype(int),
        "Range low (10th percentile)": low.to_numpy().round(4),
        "Range width (to the 90th)": (high - low).to_numpy().round(4),
        "Estimated match chance": central.to_numpy().round(4),
        "Match chance wanted": [round(advice.wanted, 4)] * len(lengths),
        "Chance of no interview": none.to_numpy().round(4),
        "Recommended list": [round(float(v), 4) if n == marked else None for n, v in central.items()],
    })
    return LineChart("Estimated match chance by number of applications (band: 10th to 90th percentile), and the "
                     "chance of no interview",
                     "Match chance", data, markers_only=("Recommended list",),
                     band=("Range low (10th percentile)", "Range width (to the 90th)"),
                     dashed=("Match chance wanted",), y_max=1.0, y_step=0.2)
