"""Train the policy check's word model, templates/policy/model.json, on the development corpus.

Run: python scripts/train_policy_model.py [FILE]

The model (``rules/policy/model.py``) is a logistic regression over the words and word pairs of each normalised
sentence, fitted by stochastic gradient descent in a fixed order (the same file on every run), with L2 shrinkage so
that no single word decides. Only rows whose Part is ``dev`` in ``tests/data/policy_corpus.csv`` are read; the
held-out corpus (``tests/data/policy_heldout.csv``) is never read here, so that it measures the check honestly.

The review threshold comes from five-fold cross-validation on the same rows: each fold is scored by a model
trained on the other four, and the threshold is the score that leaves ``REVIEW_SHARE`` of the innocent rows above
it. ``tests/rules/test_policy_model.py`` trains again and compares with the shipped file.
"""

from __future__ import annotations

import csv
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xlresidency.rules.policy.model import MODEL_FILE, features  # noqa: E402
from xlresidency.rules.policy.wording import normalise  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "policy_corpus.csv"
OUT = ROOT / "templates" / MODEL_FILE
EPOCHS = 30
RATE = 0.1
SHRINK = 0.01  # L2
SEED = 2027
FOLDS = 5
REVIEW_SHARE = 0.02
"""The share of innocent development sentences the model leaves for review, out of fold."""
KEEP = 0.005
"""Weights smaller than this are left out of the file (they change no verdict)."""


def examples(path: Path = CORPUS) -> list[tuple[tuple[str, ...], int]]:
    """The development rows as (features, 1 for must-flag / 0 for innocent); placeholder rows left out."""
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle)
                if row["Part"] == "dev" and row["Expected"] != "leftover_placeholder"]
    return [(features(normalise(row["Sentence"])), int(row["Expected"] != "OK")) for row in rows]


def train(items: list[tuple[tuple[str, ...], int]]) -> tuple[dict[str, float], float]:
    """Weights and bias fitted by stochastic gradient descent (the order fixed by ``SEED``)."""
    weights: dict[str, float] = {}
    bias = 0.0
    order = list(range(len(items)))
    shuffle = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for i in order:
            found, label = items[i]
            score = bias + sum(weights.get(f, 0.0) for f in found)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))) - label
            bias -= RATE * error
            for f in found:
                weights[f] = weights.get(f, 0.0) * (1 - RATE * SHRINK) - RATE * error
    return weights, bias


def threshold(items: list[tuple[tuple[str, ...], int]]) -> float:
    """The score above which ``REVIEW_SHARE`` of the innocent rows lie, each scored by a model that did not see it."""
    order = list(range(len(items)))
    random.Random(SEED).shuffle(order)
    innocent: list[float] = []
    for k in range(FOLDS):
        held = set(order[k::FOLDS])
        weights, bias = train([items[i] for i in order if i not in held])
        innocent += [bias + sum(weights.get(f, 0.0) for f in items[i][0]) for i in sorted(held) if not items[i][1]]
    innocent.sort(reverse=True)
    return innocent[int(REVIEW_SHARE * len(innocent))]


def model_text(path: Path = CORPUS) -> str:
    """The model file's text: weights rounded and sorted, so that the same corpus gives the same file."""
    items = examples(path)
    weights, bias = train(items)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= KEEP}
    return json.dumps({"about": "the policy check's word model; scripts/train_policy_model.py trains it on the "
                                "development corpus", "rows": len(items), "threshold": round(threshold(items), 3),
                       "bias": round(bias, 4), "weights": kept}, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(out: Path = OUT) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model_text(), encoding="utf-8", newline="\n")
    print(f"{out}: {len(json.loads(out.read_text(encoding='utf-8'))['weights'])} weights")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
