"""A second reader for the sentences the grammar passes: a small word model trained on the development corpus.

The grammar (``asks``, ``promises``, ``grammar``) reads who asks or promises what; a wording it does not know
passes it. This model reads the same normalised sentence as a bag of its words and word pairs and weighs them as
the development corpus taught it (logistic regression, ``scripts/train_policy_model.py``, weights in
``templates/policy/model.json``). Where it finds the sentence closer to the corpus's questions about rank and
promises of a position than its ``threshold`` allows, the verdict is "review this sentence", never a firm flag,
with the words that weighed most. The threshold is set by cross-validation on the development corpus to leave
about 2 % of innocent sentences for review; the held-out corpus is never seen by the training.

Standard library only, like the rest of the check: it runs in Pyodide too.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...core.resources import resource_text
from .wording import PROG

MODEL_FILE = "policy/model.json"
_TOKEN = re.compile(r"[a-z0-9']+|\?")


def features(normalised: str) -> tuple[str, ...]:
    """The words of a normalised sentence (``wording.normalise``), a question mark, and each pair of neighbours,
    each once, in order (so that a score adds them up the same way on every run)."""
    words = _TOKEN.findall(normalised)
    return tuple(sorted({*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))}))


@dataclass(frozen=True)
class Model:
    """A logistic model: a weight per feature, a bias, and the score above which a sentence is left for review."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, found: Iterable[str]) -> float:
        """The log-odds that a sentence with these features asks about rank or promises a position."""
        return self.bias + sum(self.weights.get(feature, 0.0) for feature in found)


@functools.cache
def model() -> Model:
    """The shipped model."""
    data = json.loads(resource_text(MODEL_FILE))
    return Model({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                 float(data["threshold"]))


def _shown(feature: str) -> str:
    return feature.replace(PROG, "<program>")


def second_reading(normalised: str) -> str | None:
    """Why a sentence the grammar passed deserves a second look by the model's reading, or None."""
    shipped = model()
    found = features(normalised)
    if shipped.score(found) <= shipped.threshold:
        return None
    heaviest: list[str] = []
    for feature in sorted((f for f in found if shipped.weights.get(f, 0.0) > 0 and "?" not in f),
                          key=lambda f: (-shipped.weights[f], f)):
        if not any(f" {feature} " in f" {kept} " or f" {kept} " in f" {feature} " for kept in heaviest):
            heaviest.append(feature)  # a word already said within a pair (or a pair around it) is said once
        if len(heaviest) == 2:
            break
    words = ", ".join(f"'{_shown(f)}'" for f in heaviest)
    return ("Review this sentence: its wording is like that of questions about where you stand or promises of a "
            f"position ({words})")
