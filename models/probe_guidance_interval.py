"""Probe: classifier-free guidance only inside a timestep interval (Kynkäänniemi et al. 2024,
"Applying guidance in a limited interval"), guidance 1 (the conditional pass alone) outside it.
Same proxy as choose_guidance.py on the validation users: the true taste of each generated
embedding's nearest catalog item, the novel share, and the median distance to the nearest catalog
item over the catalog's median nearest-neighbour distance.

    /usr/bin/python3 models/probe_guidance_interval.py --checkpoint models/weights/prior.pt
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

from diffusion import cosine_alphas_cumprod, ddim_timesteps, guided_x0
from onnx_export import ROOT
from prior import RATING_LIKE
from choose_guidance import validation_users


@torch.no_grad()
def interval_ddim(denoise, user, null, rating, noise, n_steps, guidance, lo, hi):
    """diffusion.ddim_sample with guidance only at timesteps lo < t <= hi (a probe, not shipped:
    the page's sampler stays the twin of diffusion.py)."""
    ac = torch.tensor(cosine_alphas_cumprod(), dtype=torch.float64)
    x = noise.double()
    steps = ddim_timesteps(n_steps)
    for i, t in enumerate(steps):
        g = guidance if lo < t <= hi else 1.0
        x0 = guided_x0(denoise, x.float(), torch.full((x.shape[0],), float(t)), user, null, rating, g).double()
        if i + 1 == len(steps):
            return x0.float()
        a_t, a_next = ac[t], ac[steps[i + 1]]
        eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
        x = a_next.sqrt() * x0 + (1 - a_next).sqrt() * eps


@torch.no_grad()
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "weights", "prior.pt"))
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--users", type=int, default=300)
    ap.add_argument("--ratings", type=int, default=20)
    ap.add_argument("--steps", default="10")
    ap.add_argument("--guidance", default="3,5,8,12")
    ap.add_argument("--intervals", default="-1-1000,0-1000,150-1000,300-1000,0-700,150-700,300-800",
                    help="lo-hi pairs; -1-1000 guides at every step, as the shipped sampler does")
    args = ap.parse_args()
    torch.set_num_threads(2)
    v = validation_users(args.models, args.checkpoint, args.users, args.ratings)
    pop, model, emb, sq, median_nn, user, null, noise = v.pop, v.model, v.emb, v.sq, v.median_nn, v.user, v.null, v.noise
    k = args.ratings
    rating = torch.full((len(user),), RATING_LIKE)
    # How well the denoiser recovers a catalog item (each user's first rated one) from x_t: near
    # t = 0 it should return about its input.
    ac = torch.tensor(cosine_alphas_cumprod(), dtype=torch.float64)
    x0 = torch.from_numpy(emb[pop.items[:, 0]]).float()
    for t in [0, 111, 400]:
        eps = torch.randn(x0.shape, generator=torch.Generator().manual_seed(1))
        x_t = (ac[t].sqrt() * x0 + (1 - ac[t]).sqrt() * eps).float()
        pred = model.denoiser(x_t, torch.full((len(x0),), float(t)), user, rating)
        print(f"t={t:3d}: median |x0 prediction - x0| {(pred - x0).norm(dim=1).median():.2f}, "
              f"|x_t - x0| {(x_t - x0).norm(dim=1).median():.2f} (catalog median nearest-neighbour distance "
              f"{median_nn:.2f})", flush=True)
    for n_steps in [int(v) for v in args.steps.split(",")]:
        for interval in args.intervals.split(","):
            lo, hi = (int(v) for v in interval.rsplit("-", 1))
            for g in [float(v) for v in args.guidance.split(",")]:
                z = interval_ddim(model.denoiser, user, null, rating, noise, n_steps, g, lo, hi).numpy()
                d = np.sqrt(np.maximum(sq[None] - 2 * z @ emb.T + (z ** 2).sum(1)[:, None], 0))
                like = float(pop.p_like[np.arange(len(z)), d.argmin(1)].mean())
                near = d.min(1)
                print(f"DDIM {n_steps:2d} interval ({lo:4d},{hi:4d}] guidance {g:4.1f}: like-rate {like:.3f}, "
                      f"novel share {(near > median_nn).mean():.2f}, distance/median-NN {np.median(near) / median_nn:.2f}",
                      flush=True)
    print(f"base rate {pop.p_like.mean():.3f}; {len(user)} validation users, {k} ratings")


if __name__ == "__main__":
    main()
