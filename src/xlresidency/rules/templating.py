"""Jinja2 for the applicant's own template text: sandboxed, and bounded in steps, size and time.

Templates are text the applicant types into the Templates sheet, so a slip there (a loop inside a loop over
large ranges, ``'x' * 900000000``, ``9**9**9``) must not stall a regeneration or fill the memory. Rendering with
``render`` is bounded four ways, and anything over a bound raises ``OverBound`` saying which:

- steps: every loop iteration and every call (a macro, a method, ``range``, a filter) counts; a render stops
  after ``MAX_STEPS`` of them, however the loops are nested;
- size: no text or list a template makes, and no rendered text, may be longer than ``MAX_CHARS`` (what one
  Excel cell holds). Repetition (``*``), padding and widths (``center``, ``'%9999999d'``, ``'{:>9999999}'``),
  ``replace``, ``join`` and ``indent`` are measured before they run, so the memory is never spent;
- numbers: no power or product over ``MAX_DIGITS`` digits;
- time: ``MAX_SECONDS`` of wall-clock time, checked at every step and every piece of output.

Mutating lists and dicts is refused too (``ImmutableSandboxedEnvironment``): an email needs none of it.
"""

from __future__ import annotations

import functools
import math
import re
import string
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_CHARS = 32_767  # Excel's limit for one cell: no draft can be longer and still fit on the Emails sheet
MAX_STEPS = 100_000
MAX_DIGITS = 1000
MAX_SECONDS = 2.0


class OverBound(SecurityError):
    """A template went over one of the bounds; the message says which, in the applicant's words."""


def too_long() -> OverBound:
    return OverBound(f"it makes text longer than {MAX_CHARS:,} characters, more than an Excel cell holds")


@dataclass
class _Budget:
    """What one render has spent so far."""

    deadline: float
    steps: int = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise OverBound(f"it repeats or calls more than {MAX_STEPS:,} times "
                            "(a loop inside a loop over large ranges?)")
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise OverBound(f"it takes more than {MAX_SECONDS:g} seconds to fill in")


_BUDGET: ContextVar[_Budget | None] = ContextVar("xlresidency_template_budget", default=None)


def _step() -> None:
    budget = _BUDGET.get()
    if budget is not None:  # outside ``render`` (constant folding while compiling) only the size checks apply
        budget.step()


def _sized(value: Any) -> Any:
    """``value``, unless it is text or a collection longer than MAX_CHARS."""
    if isinstance(value, str | list | tuple | dict | set | frozenset) and len(value) > MAX_CHARS:
        raise too_long()
    return value


def _check_length(length: int) -> None:
    if length > MAX_CHARS:
        raise too_long()


def _check_width(width: object) -> None:
    if isinstance(width, int) and not isinstance(width, bool):
        _check_length(width)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(text: str, args: object) -> None:
    """``text % args`` would not make anything longer than MAX_CHARS through a field width or precision."""
    starred = False
    for width, precision in _PRINTF.findall(text):
        for number in (width, precision):
            starred = starred or number == "*"
            if number.isdigit():
                _check_length(int(number))
    if starred:
        for value in args if isinstance(args, tuple) else (args,):
            _check_width(value)


def _check_format(text: str) -> None:
    """``text.format(...)`` would not pad anything past MAX_CHARS (a width computed at run time is refused)."""
    for _, field_name, spec, _ in string.Formatter().parse(text):
        if field_name is None or not spec:
            continue
        if "{" in spec:
            raise OverBound("a width computed inside a format field is not allowed in a template")
        for number in re.findall(r"\d+", spec):
            _check_length(int(number))


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(times, int) and not isinstance(times, bool):
            _check_length(len(sequence) * max(times, 0))


def _digits(value: int) -> float:
    return abs(value).bit_length() * math.log10(2)


def _check_numbers(operator: str, left: Any, right: Any) -> None:
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))
    if not numbers:
        return
    if operator == "**" and abs(left) > 1 and abs(right) * math.log10(abs(left)) > MAX_DIGITS:
        raise OverBound(f"numbers over {MAX_DIGITS} digits are not allowed in a template")
    if operator == "*" and isinstance(left, int) and isinstance(right, int) and _digits(left) + _digits(right) > \
            MAX_DIGITS:
        raise OverBound(f"numbers over {MAX_DIGITS} digits are not allowed in a template")


def _text_length(items: Iterable[Any]) -> int:
    return sum(len(str(item)) for item in items)


def _check_str_method(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Measure a call of a text method that can grow its text before it runs; returns the arguments to use."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str) or not args:
        return args
    name = getattr(method, "__name__", "")
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_width(args[0])
    elif name == "expandtabs" and isinstance(args[0], int):
        _check_length(len(owner) + owner.count("\t") * args[0])
    elif name == "replace" and len(args) >= 2:
        _check_length(len(owner) + owner.count(str(args[0])) * len(str(args[1])))
    elif name == "join":
        items = list(args[0])
        _check_length(_text_length(items) + len(owner) * max(len(items) - 1, 0))
        return (items, *args[1:])
    return args


# Filters whose whole-number arguments are widths or counts of things made.
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "batch", "slice", "tojson", "truncate"})


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja2 filter that counts as a step, is measured before it runs where it can grow text, and whose
    result is refused when too long."""
    passes = getattr(function, "jinja_pass_arg", None)  # a context or environment comes before the value

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _step()
        value, rest = (args[1], args[2:]) if passes is not None else (args[0], args[1:])
        if name in _WIDTH_FILTERS:
            for argument in (*rest, *kwargs.values()):
                _check_width(argument)
        if name == "indent":
            width = rest[0] if rest else kwargs.get("width", 4)
            step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
            _check_length(len(str(value)) + str(value).count("\n") * step)
        elif name == "format":
            _check_printf(str(value), tuple(rest) or kwargs)
        elif name == "replace" and len(rest) >= 2:
            _check_length(len(str(value)) + str(value).count(str(rest[0])) * len(str(rest[1])))
        elif name == "join":
            items = list(value)
            separator = rest[0] if rest else kwargs.get("d", "")
            _check_length(_text_length(items) + len(str(separator)) * max(len(items) - 1, 0))
            args = (*args[:1], items, *args[2:]) if passes is not None else (items, *args[1:])
        return _sized(function(*args, **kwargs))

    return bounded


class _BoundedCode(CodeGenerator):
    """Compiles every ``{% for %}`` to iterate through ``environment.bounded_iter`` (one step per item), and
    every ``~`` through ``environment.bounded_text`` (refused when too long)."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        already = (isinstance(node.iter, nodes.Call) and isinstance(node.iter.node, nodes.EnvironmentAttribute)
                   and node.iter.node.name == "bounded_iter")
        if not already:
            node.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_iter"), [node.iter], [], None, None,
                                   lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with the bounds of this module: use ``render`` to apply the step and time bounds."""

    code_generator_class = _BoundedCode
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)  # lorem ipsum of any length: no email needs it
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_numbers(operator, left, right)
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            _check_length(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_printf(left, right)
        return _sized(super().call_binop(context, operator, left, right))

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _step()
        args = _check_str_method(obj, args)
        return _sized(super().call(context, obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)
        return wrapped

    def bounded_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, one step each."""
        for item in iterable:
            _step()
            yield item

    def bounded_text(self, text: str) -> str:
        """Text joined with ``~``, refused when too long."""
        return _sized(text)


def render(template: jinja2.Template, values: Mapping[str, Any]) -> str:
    """A template of a ``BoundedSandbox`` filled in, within the step, size and time bounds (``OverBound``)."""
    budget = _Budget(time.monotonic() + MAX_SECONDS)
    token = _BUDGET.set(budget)
    pieces = cast(Generator[str, None, None], template.generate(values))
    try:
        parts: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > MAX_CHARS:
                raise too_long()
            budget.check_time()
            parts.append(piece)
        return "".join(parts)
    finally:
        pieces.close()
        _BUDGET.reset(token)
