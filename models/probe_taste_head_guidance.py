"""Probe (measurement only): steer the prior's samples with a taste head instead of the per-user
logistic direction. At every DDIM step each item's guided x0 moves `shift` along the unit gradient
of the taste head's logit at that x0 (for that user) — a lean that differs per item and per step,
from a taste model learnt across the population (models/probe_user_encoder_taste.py --save: its
user encoder and head, trained on the taste loss alone; the denoiser still reads the shipped prior's
user tokens). Judged from the decoded image as models/evaluate_prior.py judges; the shipped
logistic lean is measured beside it on the same users and seeds.

    /usr/bin/python3 models/probe_taste_head_guidance.py --taste models/runs/taste-only.pt --validation \
        --users 300 --shifts 6,10,14 --classifier-cache /tmp/oracle-classifier.pt
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from evaluate_prior import PER_USER, condition
from prior import load_prior
from probe_projection import add_setup_arguments, judged_setup, prior_samples, report
from taste_direction import TASTE, taste_shifts


def taste_gradient_lean(taste_model, e: torch.Tensor, s: torch.Tensor, shift: float):
    """x0 -> x0 + shift * unit gradient of the user's taste logit at x0, rows user-major
    (PER_USER items per user), as diffusion.shift_x0 calls it."""
    with torch.no_grad():
        user = taste_model.user_encoder(e, s).repeat_interleave(PER_USER, 0)

    def lean(x0: torch.Tensor) -> torch.Tensor:
        with torch.enable_grad():
            x = x0.float().detach().requires_grad_(True)
            # One row per item: its own user's logit at its own x0 (items (B, 1, D)).
            logit = taste_model.taste(user, x[:, None])[:, 0]
            (grad,) = torch.autograd.grad(logit.sum(), x)
        unit = grad.double() / grad.double().norm(dim=-1, keepdim=True).clamp(min=1e-12)
        return x0 + shift * unit

    return lean


def main() -> None:
    ap = argparse.ArgumentParser()
    add_setup_arguments(ap)
    ap.add_argument("--taste", required=True, help="a prior checkpoint whose user encoder and taste head steer")
    ap.add_argument("--shifts", default="6,10,14")
    args = ap.parse_args()
    t0 = time.time()
    v = judged_setup(args)
    taste_model, _ = load_prior(args.taste)
    print(f"set up ({time.time() - t0:.0f}s)", flush=True)
    e, s = condition(v.world, v.pop, v.users, args.ratings, v.emb_norm)
    for shift in [float(x) for x in args.shifts.split(",")]:
        logistic = taste_shifts(e.numpy().astype("float64"), s.numpy(), +1.0, {**TASTE, "shift": shift})
        report(v, f"logistic direction, shift {shift}", prior_samples(v, args.ratings, x0_shift=logistic), t0)
        report(v, f"taste-head gradient, shift {shift}",
               prior_samples(v, args.ratings, x0_shift=taste_gradient_lean(taste_model, e, s, shift)), t0)


if __name__ == "__main__":
    main()
