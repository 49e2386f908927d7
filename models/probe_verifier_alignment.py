"""Probe (measurement only): how well do the two per-user logistic models the evaluation uses
agree? The taste direction (taste_direction.py, fitted on a user's first 20 ratings: what the
sampler leans along) and REBECA's verifier (evaluate_prior.fit_logistic on 200 other ratings
of the same user: what the permutation test scores with). Prints, for validation and held-out
users: the mean cosine between a user's direction and their own verifier's weights and other
users'; and, over the catalog, the correlation of each model's score with the user's true
P(like).

    /usr/bin/python3 models/probe_verifier_alignment.py [--users 200]
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

from evaluate_prior import condition, fit_logistic, verifier_set
from onnx_export import ROOT
from taste_direction import taste_direction
from user_population import HELD_OUT_SEED, VALIDATION_SEED, load_world, make_population


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--ratings", type=int, default=20)
    args = ap.parse_args()
    torch.set_num_threads(2)
    world = load_world(args.models)
    emb = (world.embeddings - world.mean) / world.std
    n = args.users
    users = np.arange(n)
    for name, seed in [("validation", VALIDATION_SEED), ("held-out", HELD_OUT_SEED)]:
        pop = make_population(world, n, seed)
        items, liked = verifier_set(world, pop, users, seed=7)  # the evaluation's verifier set
        vw, _ = fit_logistic(torch.from_numpy(emb[items]), torch.from_numpy(liked), torch.ones(liked.shape))
        vw = vw.numpy()
        e, s = condition(world, pop, users, args.ratings, emb)
        e, s = e.numpy().astype(np.float64), s.numpy()
        d = np.stack([taste_direction(e[u], s[u]) for u in users])
        cos = d @ (vw / np.linalg.norm(vw, axis=1, keepdims=True)).T  # (U, U): direction u · verifier v
        own, other = np.trace(cos) / n, (cos.sum() - np.trace(cos)) / (n * n - n)
        corr = lambda scores: np.mean([np.corrcoef(scores[:, u], pop.p_like[u])[0, 1] for u in users])
        print(f"{name} ({n} users, {args.ratings} ratings): cos(direction, own verifier) {own:.3f}, "
              f"cos(direction, other users' verifiers) {other:.3f}; over the catalog, correlation with true P(like): "
              f"direction {corr(emb @ d.T):.3f}, verifier {corr(emb @ vw.T):.3f}", flush=True)


if __name__ == "__main__":
    main()
