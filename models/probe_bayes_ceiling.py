"""How well can anything recommend from k ratings, when it knows exactly how the synthetic users
were made? (Measurement, not shipped.) Issue #4 asks the prior for an oracle like-rate of 3× the
base rate at 20 ratings; the per-user fits we have reach 2.1× even on the users' true attributes
(probe_taste_ceiling.py --attributes). This probe asks the question without a model class: the
posterior mean of P(like | item) given a user's k ratings, under the very taste model that drew
them (synthetic_users.sample_tastes: 1–3 loves, 0–2 hates, weights U(2.2, 3.8), bias N(−2.6, 0.5),
5% careless flips), by importance sampling: S tastes drawn from that prior, each weighted by the
likelihood of the user's ratings. Ranking the unrated catalog by it maximises the expected true
like-rate of the top 8 — the Bayes-optimal catalog recommender, up to (a) the importance sampler's
error (the effective sample size is printed) and (b) what it ignores: which items a user chose to
browse (half the users browse their favourite category in the grid, which tells on their taste).
So the figure is a lower bound on what is possible from the catalog, and close to it where the
effective sample size is large. --browse reads (b) too: a run of 3 or more items of one category among
the first k is the grid stretch (the deck's round-robin over 18 category-vendor queues does not make
such runs), and a browsing user picks that category with probability proportional to their mean P(like)
over it (synthetic_users.observe), which multiplies the likelihood.

    /usr/bin/python3 models/probe_bayes_ceiling.py [--users 500] [--held-out] [--samples 2000000] [--ratings 5,20,50] [--browse]
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

from onnx_export import ROOT
from probe_taste_ceiling import top_items
from synthetic_users import BIAS, CARELESS_FLIP, HATES, LOVES, WEIGHT_RANGE, taste_columns
from user_population import HELD_OUT_SEED, VALIDATION_SEED, load_world, make_population



def draw_tastes(attrs, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """sample_tastes' distribution (its constants and columns), vectorised: (n, A) weights, (n,) bias.
    Slots are filled in its order (loves, then hates), a later slot overwriting an earlier one on the
    same column, as there. Not its random stream: sample_tastes' loop fixes the seeded populations."""
    kind_names, kind_p, cols_of = taste_columns(attrs)
    weights = np.zeros((n, attrs.matrix.shape[1]), np.float32)
    n_love = rng.choice(LOVES[0], size=n, p=LOVES[1])
    n_hate = rng.choice(HATES[0], size=n, p=HATES[1])
    rows = np.arange(n)
    for sign, count, slots in [(1, n_love, max(LOVES[0])), (-1, n_hate, max(HATES[0]))]:
        for slot in range(slots):
            active = count > slot
            kind = rng.choice(len(kind_names), size=n, p=kind_p)
            pick = rng.random(n)
            col = np.array([cols_of[k][int(p * len(cols_of[k]))] for k, p in zip(kind, pick)])
            w = rng.uniform(*WEIGHT_RANGE, n).astype(np.float32)
            weights[rows[active], col[active]] = sign * w[active]
    bias = rng.normal(*BIAS, n).astype(np.float32)
    return weights, bias


def browsed_category(items: np.ndarray, category: np.ndarray, run: int = 3) -> np.ndarray:
    """(U, k) item indices -> (U,) the category of each user's grid stretch among them, -1 if none seen."""
    out = np.full(len(items), -1)
    for u, seq in enumerate(items):
        cats = category[seq[seq >= 0]]
        for i in range(len(cats) - run + 1):
            if (cats[i:i + run] == cats[i]).all():
                out[u] = cats[i]
                break
    return out


def posterior_like(attrs: np.ndarray, pop, k: int, samples: int, chunk: int, seed: int, world_attrs,
                   category: np.ndarray | None = None):
    """(U, N) posterior-mean P(like) given each user's first k ratings (and, with category, which
    category they browsed), and each user's effective sample size."""
    n_users = len(pop.items)
    items = pop.items[:, :k]
    signs = pop.signs[:, :k]
    a = torch.from_numpy(attrs.T.copy())  # (A, N)
    if category is not None:
        browsed = torch.from_numpy(browsed_category(items, category))
        one_hot = torch.from_numpy(np.eye(category.max() + 1, dtype=np.float32)[category])  # (N, C)
        per_category = one_hot / one_hot.sum(0)  # column means
        print(f"  {int((browsed >= 0).sum())} of {n_users} users show a grid stretch in their first {k} ratings", flush=True)
    log_max = torch.full((n_users,), -np.inf, dtype=torch.float64)
    num = torch.zeros(n_users, attrs.shape[0], dtype=torch.float64)
    den = torch.zeros(n_users, dtype=torch.float64)
    sq = torch.zeros(n_users, dtype=torch.float64)
    rng = np.random.default_rng(seed)
    valid = torch.from_numpy(items >= 0)
    idx = torch.from_numpy(np.maximum(items, 0))
    liked = torch.from_numpy(signs > 0)
    for start in range(0, samples, chunk):
        w, b = draw_tastes(world_attrs, min(chunk, samples - start), rng)
        p = torch.sigmoid(torch.from_numpy(w) @ a + torch.from_numpy(b)[:, None])  # (S, N)
        seen = (1 - CARELESS_FLIP) * p + CARELESS_FLIP * (1 - p)  # P(a "like" tap)
        s = seen[:, idx]  # (S, U, k)
        lik = torch.where(liked[None], s, 1 - s).log() * valid[None]
        lw = lik.sum(2).T.double()  # (U, S)
        if category is not None:
            cat_like = (p @ per_category).T.double()  # (C, S): mean P(like) per category
            pick = (cat_like / cat_like.sum(0, keepdim=True)).log()[browsed.clamp(min=0)]  # (U, S)
            lw = lw + pick * (browsed >= 0)[:, None]
        new_max = torch.maximum(log_max, lw.max(1).values)
        scale = (log_max - new_max).exp()
        e = (lw - new_max[:, None]).exp()
        num = num * scale[:, None] + (e.float() @ p).double()  # float32 product, float64 sums
        den = den * scale + e.sum(1)
        sq = sq * scale ** 2 + (e ** 2).sum(1)
        log_max = new_max
    return (num / den[:, None]).numpy(), (den ** 2 / sq).numpy()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--users", type=int, default=500)
    ap.add_argument("--held-out", action="store_true", help="the held-out users (seed 2) instead of validation (seed 3)")
    ap.add_argument("--ratings", default="5,20,50")
    ap.add_argument("--samples", type=int, default=2_000_000)
    ap.add_argument("--chunk", type=int, default=4000)
    ap.add_argument("--browse", action="store_true", help="also read which category a user browsed in the grid")
    args = ap.parse_args()
    torch.set_num_threads(2)
    t0 = time.time()
    world = load_world(args.models)
    pop = make_population(world, args.users, HELD_OUT_SEED if args.held_out else VALIDATION_SEED)
    attrs = np.asarray(world.attrs.matrix, np.float32)
    base = pop.p_like.mean()
    print(f"{'held-out' if args.held_out else 'validation'} users {args.users}, base {base:.3f}, "
          f"own best 8 {np.sort(pop.p_like, 1)[:, -8:].mean():.3f}, {args.samples} taste samples"
          f"{', browsing read' if args.browse else ''}", flush=True)
    for k in [int(v) for v in args.ratings.split(",")]:
        post, ess = posterior_like(attrs, pop, k, args.samples, args.chunk, 0, world.attrs,
                                   world.cat.category if args.browse else None)
        rate = top_items(post, pop, k)
        print(f"{k} ratings: posterior-mean top 8 {rate:.3f} = {rate / base:.2f}x base; effective sample size "
              f"median {np.median(ess):.0f} (10% of users under {np.quantile(ess, 0.1):.0f}); "
              f"{(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
