"""Probe (measurement only): how spread out a user's batch is, against the spread of what the
prior was trained to sample for that user. Each validation user's 8 items: the shipped sampler
(manifest guidance, taste shift), the same without the shift, guidance 1 without it, and 8
catalog items drawn from the user's true taste with the prior's training weight P(like)^sharpness
(train_prior.py --sharpness, default 4) — the distribution the prior learns. Diversity: mean
pairwise distance within a batch (normalised space, as models/EVALUATION.md); like-rate judged
from the decoded image as the evaluation judges.

    /usr/bin/python3 models/probe_diversity.py --validation --users 60 --classifier-cache /tmp/oracle-classifier.pt
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from evaluate_prior import PER_USER, batch_diversity, condition
from probe_projection import add_setup_arguments, judged_setup, prior_samples, report
from taste_direction import TASTE, taste_shifts


def main() -> None:
    ap = argparse.ArgumentParser()
    add_setup_arguments(ap)
    ap.add_argument("--sharpness", type=float, default=4.0, help="train_prior.py's target weight P(like)^sharpness")
    args = ap.parse_args()
    t0 = time.time()
    v = judged_setup(args)
    print(f"set up ({time.time() - t0:.0f}s)", flush=True)
    rng = np.random.default_rng(0)
    targets = []
    for u in v.users:
        w = v.pop.p_like[u] ** args.sharpness
        targets.append(v.emb_norm[rng.choice(len(w), PER_USER, replace=False, p=w / w.sum())])
    batches = {"training targets (catalog, P(like)^%g)" % args.sharpness: np.stack(targets)}
    e, s = condition(v.world, v.pop, v.users, args.ratings, v.emb_norm)
    shifts = taste_shifts(e.numpy().astype("float64"), s.numpy(), +1.0, TASTE)
    g = v.sched["defaultGuidance"]
    batches[f"shipped: guidance {g}, shift {TASTE['shift']}"] = prior_samples(v, args.ratings, x0_shift=shifts, guidance=g)
    batches[f"guidance {g}, no shift"] = prior_samples(v, args.ratings, guidance=g)
    batches["guidance 1, no shift"] = prior_samples(v, args.ratings, guidance=1.0)
    for name, z in batches.items():
        report(v, name, z, t0)
        print(f"  diversity {batch_diversity(z):.2f}, mean |z| {np.linalg.norm(z, axis=-1).mean():.1f}", flush=True)


if __name__ == "__main__":
    main()
