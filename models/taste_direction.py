"""The user's taste direction: the weight vector of a small logistic model of their own ratings
(like vs dislike) over the normalised embeddings of the items they rated, as a unit vector. The
sampler moves every step's guided x0 along it (`prior.taste.shift` in the manifest; the rating
token's sign: + for like, − for dislike), so generated items lean the way this user's own
ratings separate — what the catalog-retrieval baseline exploits and the prior alone followed
only loosely (models/README.md, "Taste direction").

Mirrored step for step by src/engine/taste-direction.ts (float64 both sides). Kernel form,
because a rating set has far fewer rows (≤ maxRatings) than the embedding has dimensions: with
features x̃ = [x, c] and w̃ = X̃ᵀα, minimise Σ log(1 + exp(−y_i f_i)) + λ|w̃|² over α, f = K α,
K = X Xᵀ + c², by a fixed number of Newton steps from α = 0:
    (S K + 2λ I) Δ = −(p − t + 2λ α),  α ← α + Δ
(t the 0/1 labels, p = σ(f), S = diag(p(1 − p))). c is a constant feature of about an
embedding's norm, so the bias costs little but stays finite: a set of likes only still gives a
direction (toward what was liked), where an unpenalised bias would absorb it all.
"""
from __future__ import annotations

import numpy as np

# Written into the manifest (prior.taste) by export_prior.py; the page reads them from there.
TASTE = {"l2": 1.0, "biasFeature": 16.0, "newtonSteps": 12, "shift": 10.0}


def solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Gaussian elimination with partial pivoting, as the TypeScript twin does it (not LAPACK),
    so both sides round alike."""
    a = a.astype(np.float64).copy()
    b = b.astype(np.float64).copy()
    n = len(b)
    for col in range(n):
        piv = col + int(np.argmax(np.abs(a[col:, col])))
        if piv != col:
            a[[col, piv]] = a[[piv, col]]
            b[[col, piv]] = b[[piv, col]]
        for row in range(col + 1, n):
            f = a[row, col] / a[col, col]
            if f != 0.0:
                a[row, col:] -= f * a[col, col:]
                b[row] -= f * b[col]
    x = np.zeros(n)
    for row in range(n - 1, -1, -1):
        x[row] = (b[row] - a[row, row + 1 :] @ x[row + 1 :]) / a[row, row]
    return x


def taste_direction(x: np.ndarray, signs: np.ndarray, taste: dict = TASTE) -> np.ndarray:
    """x (N, D) normalised embeddings of the rated items, signs (N,) +1 like / −1 dislike
    (0: padding, left out) -> (D,) unit vector, zeros when there is nothing to go on."""
    keep = signs != 0
    x = np.asarray(x, np.float64)[keep]
    t = (np.asarray(signs)[keep] > 0).astype(np.float64)
    d = np.asarray(x).shape[1] if x.ndim == 2 else 0
    if len(t) == 0:
        return np.zeros(d)
    lam, c = taste["l2"], taste["biasFeature"]
    k = x @ x.T + c * c
    alpha = np.zeros(len(t))
    for _ in range(int(taste["newtonSteps"])):
        p = 1.0 / (1.0 + np.exp(-(k @ alpha)))
        s = p * (1.0 - p)
        alpha = alpha + solve(s[:, None] * k + 2 * lam * np.eye(len(t)), -(p - t + 2 * lam * alpha))
    w = x.T @ alpha
    norm = float(np.sqrt(w @ w))
    return w / norm if norm > 1e-12 else np.zeros(d)


def taste_shifts(x: np.ndarray, signs: np.ndarray, direction_sign: float, taste: dict = TASTE) -> np.ndarray:
    """Batched over users: x (U, N, D), signs (U, N) -> (U, D) shift = taste.shift · sign · unit
    direction, direction_sign +1 for the like token, −1 for dislike."""
    return np.stack([taste["shift"] * direction_sign * taste_direction(x[u], signs[u], taste) for u in range(len(x))])
