"""Probe (measurement only): take the population's common component out of the taste direction.

The sampler's lean (taste_direction.py, shift × the user's unit direction added to every DDIM
step's guided x0) raised the oracle like-rate but also the permutation test's null (other
users' verifiers scoring a user's items: 0.19 → 0.26 in EVALUATION.md), so part of what it adds
is a direction most users like, not this user's taste. Here the direction loses β times its
projection on m̂, the unit mean of training users' directions (TRAIN_SEED users, never the
evaluation's), before it is scaled to `shift`. Reports, per (β, shift, guidance): like-rate,
REBECA's permutation statistic (observed, null mean, p, and (observed − null) / null sd), and
diversity — so that a setting is chosen on validation users against both acceptance points.

    /usr/bin/python3 models/probe_common_direction.py --validation --users 300 --betas 0,0.5,1 \
        --shifts 4,6,8 --classifier-cache /tmp/oracle-classifier.pt
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from evaluate_prior import PER_USER, batch_diversity, condition, fit_logistic, permutation_test, verifier_set
from probe_projection import add_setup_arguments, judged_setup, prior_samples
from taste_direction import TASTE, taste_direction
from user_population import TRAIN_SEED, make_population


def common_direction(v, n_users: int, k: int) -> np.ndarray:
    """Unit mean of the taste directions of n_users training users after k ratings."""
    pop = make_population(v.world, n_users, TRAIN_SEED)
    e, s = condition(v.world, pop, np.arange(n_users), k, v.emb_norm)
    e, s = e.numpy().astype(np.float64), s.numpy()
    mean = np.mean([taste_direction(e[u], s[u]) for u in range(n_users)], 0)
    return mean / np.linalg.norm(mean)


def main() -> None:
    ap = argparse.ArgumentParser()
    add_setup_arguments(ap)
    ap.add_argument("--betas", default="0,0.5,1", help="share of the projection on the common direction taken out")
    ap.add_argument("--shifts", default="4,6,8")
    ap.add_argument("--guidance", default="", help="comma-separated guidance scales (default: the manifest's)")
    ap.add_argument("--train-users", type=int, default=2000)
    ap.add_argument("--keep-norm", action="store_true", help="scale each shifted x0 back to its own length")
    ap.add_argument("--rounds", type=int, default=2000, help="permutation rounds")
    args = ap.parse_args()
    t0 = time.time()
    v = judged_setup(args)
    m = common_direction(v, args.train_users, args.ratings)
    print(f"set up, common direction from {args.train_users} training users ({time.time() - t0:.0f}s)", flush=True)

    users = v.users
    v_items, v_liked = verifier_set(v.world, v.pop, users, seed=7)
    vw, vb = fit_logistic(torch.from_numpy(v.emb_norm[v_items]), torch.from_numpy(v_liked), torch.ones(v_liked.shape))
    e, s = condition(v.world, v.pop, users, args.ratings, v.emb_norm)
    e, s = e.numpy().astype(np.float64), s.numpy()
    dirs = np.stack([taste_direction(e[u], s[u]) for u in range(len(users))])  # (U, D) unit
    print(f"users' directions: mean cosine with the common one {np.mean(dirs @ m):.3f}", flush=True)
    scales = [float(g) for g in args.guidance.split(",")] if args.guidance else [v.sched["defaultGuidance"]]
    owners = np.repeat(users, PER_USER)
    for beta in [float(b) for b in args.betas.split(",")]:
        d = dirs - beta * (dirs @ m)[:, None] * m[None]
        norm = np.linalg.norm(d, axis=1, keepdims=True)
        d = np.where(norm > 1e-12, d / np.maximum(norm, 1e-12), 0.0)
        for shift in [float(x) for x in args.shifts.split(",")]:
            for g in scales:
                z = prior_samples(v, args.ratings, x0_shift=shift * d, guidance=g, keep_norm=args.keep_norm)
                like = v.judge.like_rate(v.pop, users, z).mean()
                flat = torch.from_numpy(z.reshape(len(users) * PER_USER, -1)).float()
                score = torch.sigmoid(vw @ flat.T + vb[:, None]).numpy()
                obs, null_mean, p, sd = permutation_test(score, owners, len(users), rounds=args.rounds)
                div = batch_diversity(z)
                norms = np.linalg.norm(z, axis=-1).mean()
                print(f"beta {beta} shift {shift} guidance {g}{' keep-norm' if args.keep_norm else ''}: |z| {norms:.1f}, like-rate {like:.3f}, perm observed {obs:.3f} "
                      f"null {null_mean:.3f} p {p:.4f} z {(obs - null_mean) / sd:.1f}, diversity {div:.1f} "
                      f"({time.time() - t0:.0f}s)", flush=True)


if __name__ == "__main__":
    main()
