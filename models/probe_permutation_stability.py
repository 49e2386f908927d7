"""How firm is the permutation test's verdict? (Measurement, not shipped.) The evaluation runs
REBECA's test once: one draw of sampler noise (seed 100 + k) and one verifier set (seed 7). Here
the same test at 20 ratings over several noise seeds and verifier seeds, for one or more priors,
each with the evaluation's sampler (DDIM, the manifest's guidance, the taste shift). --verifier-l2
fits the verifiers with the ridge weights given (the evaluation chose 1 until 2026-12-08, and now
chooses by cross-validation: evaluate_prior.fit_verifier); --cv prints each weight's
5-fold held-out log-loss on the verifier's own ratings, beside a constant predictor's.

    /usr/bin/python3 models/probe_permutation_stability.py --users 500 \
        --priors models/weights/prior.pt,models/runs/prior-patch/checkpoint.pt --classifier-cache /tmp/oracle-classifier.pt
    /usr/bin/python3 models/probe_permutation_stability.py --users 500 --priors models/weights/prior.pt \
        --verifier-l2 1,10,100,300 --cv --classifier-cache /tmp/oracle-classifier.pt
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from evaluate_prior import PER_USER, condition, constant_log_loss, fit_logistic, held_out_log_loss, permutation_test, verifier_set
from prior import load_prior
from probe_projection import add_setup_arguments, judged_setup, prior_samples
from taste_direction import TASTE, taste_shifts


def main() -> None:
    ap = argparse.ArgumentParser()
    add_setup_arguments(ap)
    ap.add_argument("--priors", required=True, help="comma-separated prior checkpoints")
    ap.add_argument("--noise-seeds", default="120,1,2,3")
    ap.add_argument("--verifier-seeds", default="7,8")
    ap.add_argument("--rounds", type=int, default=10000)
    ap.add_argument("--verifier-l2", default="1", help="comma-separated ridge weights for the verifiers")
    ap.add_argument("--cv", action="store_true", help="print each weight's 5-fold held-out log-loss")
    args = ap.parse_args()
    t0 = time.time()
    v = judged_setup(args)
    k = args.ratings
    e, s = condition(v.world, v.pop, v.users, k, v.emb_norm)
    shifts = taste_shifts(e.numpy().astype(np.float64), s.numpy(), +1.0, TASTE)
    verifiers = {}
    for vs in [int(x) for x in args.verifier_seeds.split(",")]:
        items, liked = verifier_set(v.world, v.pop, v.users, seed=vs)
        x, y = torch.from_numpy(v.emb_norm[items]).float(), torch.from_numpy(liked)
        for l2 in [float(w) for w in args.verifier_l2.split(",")]:
            verifiers[(vs, l2)] = fit_logistic(x, y, torch.ones(y.shape), l2=l2)
            if args.cv:
                print(f"verifier {vs} l2 {l2:g}: 5-fold held-out log-loss {held_out_log_loss(x, y, l2):.4f} "
                      f"(constant base-rate predictor {constant_log_loss(y):.4f}) ({time.time() - t0:.0f}s)", flush=True)
    owners = np.repeat(v.users, PER_USER)
    print(f"set up: {len(v.users)} held-out users, {k} ratings ({time.time() - t0:.0f}s)", flush=True)
    for path in args.priors.split(","):
        v.prior = load_prior(path)[0]
        for ns in [int(x) for x in args.noise_seeds.split(",")]:
            z = prior_samples(v, k, x0_shift=shifts, seed=ns)
            flat = torch.from_numpy(z.reshape(-1, z.shape[-1])).float()
            for (vs, l2), (vw, vb) in verifiers.items():
                scores = torch.sigmoid(vw @ flat.T + vb[:, None]).numpy()  # (U, I)
                obs, null, p, sd = permutation_test(scores, owners, len(v.users), rounds=args.rounds)
                print(f"{path} noise {ns} verifier {vs} l2 {l2:g}: statistic {obs:.4f}, null {null:.4f} ± {sd:.4f}, "
                      f"z {(obs - null) / sd:.2f}, p {p:.4f} ({time.time() - t0:.0f}s)", flush=True)


if __name__ == "__main__":
    main()
