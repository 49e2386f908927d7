"""Probe (measurement only): steer the prior's samples along the user's taste direction — the
unit weight vector of a logistic model of their own ratings (taste_direction.py; the catalog-
retrieval baseline fits the same kind of model) — by adding shift × direction to every DDIM
step's guided x0. Judged from the decoded image as models/evaluate_prior.py judges (same
classifier recipe, same seeds). Choose the shift on validation users (--validation).

    /usr/bin/python3 models/probe_logistic_guidance.py --validation --users 300 --shifts 0,3,4,5,6,8 \
        --classifier-cache /tmp/oracle-classifier.pt
"""
from __future__ import annotations

import argparse
import time

from evaluate_prior import condition
from probe_projection import add_setup_arguments, judged_setup, prior_samples, report
from taste_direction import TASTE, taste_shifts


def main() -> None:
    ap = argparse.ArgumentParser()
    add_setup_arguments(ap)
    ap.add_argument("--shifts", default="0,3,4,5,6,8", help="distances (normalised embedding units) along the direction")
    ap.add_argument("--guidance", default="", help="comma-separated guidance scales to try at each shift (default: the manifest's)")
    args = ap.parse_args()
    t0 = time.time()
    v = judged_setup(args)
    print(f"set up ({time.time() - t0:.0f}s)", flush=True)
    e, s = condition(v.world, v.pop, v.users, args.ratings, v.emb_norm)
    # float32 embeddings, as the user encoder (and the page) sees them
    scales = [float(g) for g in args.guidance.split(",")] if args.guidance else [v.sched["defaultGuidance"]]
    for shift in [float(x) for x in args.shifts.split(",")]:
        shifts = taste_shifts(e.numpy().astype("float64"), s.numpy(), +1.0, {**TASTE, "shift": shift})
        for g in scales:
            label = f"shift {shift}" + (f" guidance {g}" if args.guidance else "")
            report(v, label, prior_samples(v, args.ratings, x0_shift=shifts, guidance=g), t0)


if __name__ == "__main__":
    main()
