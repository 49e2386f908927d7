"""How much taste an embedding lets 20 (or k) ratings reveal, without any prior: on validation
users, the true like-rate of (a) the 8 catalog items nearest a user's liked-mean, (b) the top 8 of
a per-user logistic model on the embedding (the evaluation's retrieval baseline), and, with
--attributes, (b) on the users' true attribute features: the ceiling of any embedding for a
per-user fit (and, with --l1, the same fit L1-regularised, for the users' sparse tastes), and with
--prior, (c) the top 8 of the prior's taste head (prior.TasteHead, training only): a taste model
learnt across 10,000 training users, which may read 20 ratings better than a per-user fit.

    /usr/bin/python3 models/probe_taste_ceiling.py [--models DIR ...] [--attributes] [--ratings 20,50]
        [--prior models/weights/prior.pt] [--l1 0.003,0.01,0.03,0.1]
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

from evaluate_prior import fit_logistic
from onnx_export import ROOT
from user_population import VALIDATION_SEED, load_world, make_population


def top_items(scores: np.ndarray, pop, k: int, top: int = 8) -> float:
    """True like-rate of each user's top-scored items among those not yet rated (scores (U, N))."""
    rates = []
    for u in range(len(pop.items)):
        s = scores[u].copy()
        seen = pop.items[u, :k]
        s[seen[seen >= 0]] = -np.inf
        rates.append(pop.p_like[u, np.argsort(-s)[:top]].mean())
    return float(np.mean(rates))


def retrieval(features: np.ndarray, pop, k: int, l2: float = 1.0, top: int = 8) -> float:
    items, signs = pop.items[:, :k], pop.signs[:, :k]
    x = torch.from_numpy(features[np.maximum(items, 0)])
    y = torch.from_numpy((signs > 0).astype(np.float32))
    w, b = fit_logistic(x, y, torch.from_numpy((items >= 0).astype(np.float32)), l2=l2)
    scores = (torch.from_numpy(features) @ w.T).T.numpy() + b.numpy()[:, None]
    return top_items(scores, pop, k, top)


def taste_head_scores(prior_path: str, emb: np.ndarray, pop, k: int) -> np.ndarray:
    from prior import load_prior
    return taste_head_scores_of(load_prior(prior_path)[0], emb, pop, k)


def sparse_retrieval(features: np.ndarray, pop, k: int, l1: float, iters: int = 3000, top: int = 8) -> float:
    """retrieval() with an L1 penalty in place of L2 (FISTA, all users at once; bias not penalised)."""
    items, signs = pop.items[:, :k], pop.signs[:, :k]
    x = torch.from_numpy(features[np.maximum(items, 0)])  # (U, k, D)
    y = torch.from_numpy((signs > 0).astype(np.float32))
    mask = torch.from_numpy((items >= 0).astype(np.float32))
    cnt = mask.sum(1).clamp(min=1)
    w, b = torch.zeros(x.shape[0], x.shape[2]), torch.zeros(x.shape[0])
    step = 1 / float(0.25 * (x ** 2).sum((1, 2)).max() / cnt.min())  # 1 / a bound on the loss's Lipschitz constant
    zw, zb, t = w.clone(), b.clone(), 1.0
    for _ in range(iters):
        zw.requires_grad_(True)
        zb.requires_grad_(True)
        logit = (x @ zw[:, :, None])[..., 0] + zb[:, None]
        nll = torch.nn.functional.binary_cross_entropy_with_logits(logit, y, reduction="none")
        gw, gb = torch.autograd.grad(((nll * mask).sum(1) / cnt).sum(), [zw, zb])
        with torch.no_grad():
            nw = zw - step * gw
            nw = torch.sign(nw) * (nw.abs() - step * l1).clamp(min=0)  # the L1 proximal step
            nb = zb - step * gb
            t_next = (1 + (1 + 4 * t * t) ** 0.5) / 2
            zw, zb = nw + (t - 1) / t_next * (nw - w), nb + (t - 1) / t_next * (nb - b)
            w, b, t = nw, nb, t_next
    scores = (torch.from_numpy(features) @ w.T).T.numpy() + b.numpy()[:, None]
    return top_items(scores, pop, k, top)


@torch.no_grad()
def taste_head_scores_of(model, emb: np.ndarray, pop, k: int) -> np.ndarray:
    """The taste head's logits (U, N) over the catalog for each user's first k ratings."""
    items = torch.from_numpy(np.maximum(pop.items[:, :k], 0))
    signs = torch.from_numpy((pop.signs[:, :k] * (pop.items[:, :k] >= 0)).astype(np.float32))
    e = torch.from_numpy(emb)
    user = model.user_encoder(e[items], signs)
    return model.taste(user, e[None]).numpy()  # the item MLP once, broadcast over users


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
    ap.add_argument("--prior", help="also rank by this prior checkpoint's taste head")
    ap.add_argument("--l1", default="", help="with --attributes: also L1-regularised fits at these strengths")
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
            if args.prior:
                print(f"{d}: {k} ratings, taste head of {args.prior} top 8 "
                      f"{top_items(taste_head_scores(args.prior, emb, pop, k), pop, k):.3f}", flush=True)
    if args.attributes:
        attrs = np.asarray(world.attrs.matrix, np.float32)
        for k in ks:
            print(f"true attribute features: {k} ratings, retrieval top 8 {retrieval(attrs, pop, k):.3f}", flush=True)
            for l1 in [float(v) for v in args.l1.split(",") if v]:
                print(f"true attribute features: {k} ratings, L1 {l1} retrieval top 8 "
                      f"{sparse_retrieval(attrs, pop, k, l1):.3f}", flush=True)
        print(f"each user's own best 8 items: {np.sort(pop.p_like, 1)[:, -8:].mean():.3f}")


if __name__ == "__main__":
    main()
