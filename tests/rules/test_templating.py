"""Template rendering is bounded: a slip in the applicant's template text cannot stall a run or fill the memory."""

from __future__ import annotations

import time

import pytest

from factories import make_season
from xlresidency import regenerate
from xlresidency.core.errors import TemplateError
from xlresidency.rules import emails, templating
from xlresidency.rules.emails import INQUIRY

TOO_LONG = "more than an Excel cell holds"
TOO_MANY = "repeats or calls more than 100,000 times"
TOO_BIG = "numbers over 1000 digits"

BOMBS = [
    ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}", TOO_LONG),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", TOO_MANY),
    ("{% for c in 'x' * 30000 %}{% for d in 'y' * 30000 %}{% endfor %}{% endfor %}", TOO_MANY),
    ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}", TOO_MANY),
    ("{{ 'x' * 900000000 }}", TOO_LONG),
    ("{{ 900000000 * 'x' }}", TOO_LONG),
    ("{{ ['x'] * 900000000 }}", TOO_LONG),
    ("{{ 'x'|center(900000000) }}", TOO_LONG),
    ("{{ 'x'.ljust(900000000) }}", TOO_LONG),
    ("{{ '%900000000d' % 1 }}", TOO_LONG),
    ("{{ '%*d' % (900000000, 1) }}", TOO_LONG),
    ("{{ '%900000000d'|format(1) }}", TOO_LONG),
    ("{{ '{:>900000000}'.format(1) }}", TOO_LONG),
    ("{% set s = 'ab' * 10000 %}{{ s|replace('a', s) }}", TOO_LONG),
    ("{% set s = 'ab' * 10000 %}{{ s.replace('a', s) }}", TOO_LONG),
    ("{% set s = 'x\n' * 10000 %}{{ s|indent(30000) }}", TOO_LONG),
    ("{{ (range(30000)|list)|join('xxxxxxxxxxxx') }}", TOO_LONG),
    ("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", TOO_LONG),
    ("{% set ns = namespace(n=10) %}{% for i in range(60) %}{% set ns.n = ns.n * ns.n %}{% endfor %}", TOO_BIG),
    ("{{ 'x' * 20000 }}{{ 'y' * 20000 }}", TOO_LONG),
]


@pytest.mark.parametrize(("body", "message"), BOMBS)
def test_a_template_over_a_bound_is_refused_quickly(body, message):
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"^Template 'Inquiry' cannot be filled in: ") as refused:
        emails.render(emails.Template("Inquiry", "Visit", body), {})
    assert message in str(refused.value)
    assert time.monotonic() - started < templating.MAX_SECONDS + 1


def test_a_slow_template_stops_at_the_time_bound(monkeypatch):
    monkeypatch.setattr(templating, "MAX_SECONDS", 0.05)
    monkeypatch.setattr(templating, "MAX_STEPS", 10**9)
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"takes more than 0\.05 seconds to fill in"):
        emails.render(emails.Template("Inquiry", "Visit", body), {})
    assert time.monotonic() - started < 2


def test_what_an_email_template_needs_still_works():
    body = ("Dear {{ coordinator|default('team') }},\n{% for q in questions.split(';') %}- {{ q|trim|capitalize }}\n"
            "{% endfor %}{{ '%5d'|format(3) }} {{ '{:,}'.format(250000) }} {{ 'a' ~ 'b' }} {{ 2 ** 10 }} "
            "{{ 'x' * 3 }} {{ ['a', 'b']|join(', ') }} {{ 'ok'|center(6) }}|{{ range(3)|list|length }}")
    draft = emails.render(emails.Template("Inquiry", "Visit {{ program }}", body),
                          {"program": "Lakeshore IM", "questions": "call schedule; research time"})
    assert draft.subject == "Visit Lakeshore IM"
    assert draft.body == ("Dear team,\n- Call schedule\n- Research time\n    3 250,000 ab 1024 xxx a, b"
                          "   ok  |3")


def test_text_up_to_a_cell_is_fine_and_one_more_character_is_not():
    fits = emails.render(emails.Template("Inquiry", "S", f"{{{{ 'x' * {templating.MAX_CHARS} }}}}"), {})
    assert len(fits.body) == templating.MAX_CHARS
    with pytest.raises(TemplateError, match=TOO_LONG):
        emails.render(emails.Template("Inquiry", "S", f"{{{{ 'x' * {templating.MAX_CHARS} }}}}y"), {})


def test_lists_and_dicts_cannot_be_changed_in_a_template():
    with pytest.raises(TemplateError, match="unsafe"):
        emails.render(emails.Template("Inquiry", "S", "{% set l = [1] %}{% for x in l %}{{ l.append(x) }}"
                                                      "{% endfor %}"), {})


def test_a_template_over_the_bound_is_named_on_checks_and_its_drafts_left_out():
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    season = make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1}],
                         templates=[{"Name": "Inquiry", "Subject": "Visit", "Body": body}])
    started = time.monotonic()
    sheets = {sheet.name: sheet for sheet in regenerate.regenerate(season).sheets}
    assert time.monotonic() - started < 10
    drafts = sheets["Emails"].frame
    inquiry = drafts[drafts["Kind"] == INQUIRY]
    assert len(inquiry) == 1 and inquiry["Body"].iloc[0] == "" and inquiry["Subject"].iloc[0] == ""
    assert TOO_MANY in inquiry["Policy check"].iloc[0]
    assert (drafts.loc[drafts["Kind"] != INQUIRY, "Body"] != "").all()  # the other templates still write
    checks = sheets["Checks"].frame
    named = checks[(checks["Sheet"] == "Templates") & checks["Problem"].str.contains(TOO_MANY)]
    assert len(named) == 1 and named["Row"].iloc[0] == season.templates.index[0]
