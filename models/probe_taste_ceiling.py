"""How much taste an embedding lets 20 (or k) ratings reveal, without any prior: on validation
users, the true like-rate of (a) the 8 catalog items nearest a user's liked-mean, (b) the top 8 of
a per-user logistic model on the embedding (the evaluation's retrieval baseline), and, with
--attributes, (b) on the users' true attribute features: the ceiling of any embedding.

    /usr/bin/python3 models/probe_taste_ceiling.py [--models DIR ...] [--attributes] [--ratings 20,50]
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

from evaluate_prior import fit_logistic
from onnx_export import ROOT
from user_population import VALIDATION_SEED, load_world, make_population


def retrieval(features: np.ndarray, pop, k: int, l2: float = 1.0, top: int = 8) -> float:
    items, signs = pop.items[:, :k], pop.signs[:, :k]
    x = torch.from_numpy(features[np.maximum(items, 0)])
    y = torch.from_numpy((signs > 0).astype(np.float32))
    w, b = fit_logistic(x, y, torch.from_numpy((items >= 0).astype(np.float32)), l2=l2)
    scores = (torch.from_numpy(features) @ w.T).T.numpy() + b.numpy()[:, None]
    rates = []
    for u in range(len(items)):
        s = scores[u].copy()
        s[items[u][items[u] >= 0]] = -np.inf  # new to the user
        rates.append(pop.p_like[u, np.argsort(-s)[:top]].mean())
    return float(np.mean(rates))


def liked_mean(emb: np.ndarray, pop, k: int, top: int = 8) -> float:
    rates = []
    for u in range(len(pop.items)):
        rated = pop.items[u, :k] >= 0
        seen = pop.items[u, :k][rated]
        liked = seen[pop.signs[u, :k][rated] > 0]
        if len(liked) == 0:
            rates.append(pop.p_like[u].mean())
            continue
        d = ((emb - emb[liked].mean(0)) ** 2).sum(1)
        d[seen] = np.inf
        rates.append(pop.p_like[u, np.argsort(d)[:top]].mean())
    return float(np.mean(rates))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=[os.path.join(ROOT, "public", "models")])
    ap.add_argument("--users", type=int, default=300)
    ap.add_argument("--ratings", default="20,50")
    ap.add_argument("--attributes", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(2)
    ks = [int(v) for v in args.ratings.split(",")]
    for d in args.models:
        world = load_world(d)
        pop = make_population(world, args.users, VALIDATION_SEED)
        emb = (world.embeddings - world.mean) / world.std
        for k in ks:
            print(f"{d}: {k} ratings, base {pop.p_like.mean():.3f}, liked-mean top 8 {liked_mean(emb, pop, k):.3f}, "
                  f"retrieval top 8 {retrieval(emb, pop, k):.3f}", flush=True)
    if args.attributes:
        attrs = np.asarray(world.attrs.matrix, np.float32)
        for k in ks:
            print(f"true attribute features: {k} ratings, retrieval top 8 {retrieval(attrs, pop, k):.3f}", flush=True)
        print(f"each user's own best 8 items: {np.sort(pop.p_like, 1)[:, -8:].mean():.3f}")


if __name__ == "__main__":
    main()
