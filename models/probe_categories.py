"""Does the prior follow a one-category profile? For 12 liked items of each category (the first
in catalog order, as scripts/generate.test.ts picks them), the share of the 24 nearest catalog
items of 24 DDIM samples that are of that category; and the same for the liked-mean alone.

    /usr/bin/python3 models/probe_categories.py [--models DIR] [--checkpoint PRIOR.pt]
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

from diffusion import DEFAULT_STEPS, cosine_alphas_cumprod, ddim_sample
from evaluate_prior import sq_distances
from onnx_export import ROOT
from prior import RATING_LIKE, load_prior
from user_population import load_world

CATEGORIES = ["Flags", "Animals & Nature", "Smileys & Emotion", "Food & Drink"]


@torch.no_grad()
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "weights", "prior.pt"))
    ap.add_argument("--guidance", type=float, nargs="+", default=[3.0, 5.0])
    ap.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    args = ap.parse_args()
    torch.set_num_threads(2)
    world = load_world(args.models)
    emb = (world.embeddings - world.mean) / world.std
    cats = np.array([it["category"] for it in world.cat.items])
    model, _ = load_prior(args.checkpoint)
    null = model.user_encoder(torch.zeros(1, 1, emb.shape[1]), torch.zeros(1, 1))
    n = 24
    noise = torch.randn((n, emb.shape[1]), generator=torch.Generator().manual_seed(3))
    for c in CATEGORIES:
        liked = np.flatnonzero(cats == c)[:12]
        d = ((emb - emb[liked].mean(0)) ** 2).sum(1)
        d[liked] = np.inf
        line = f"{c}: liked-mean's 24 nearest {(cats[np.argsort(d)[:24]] == c).mean():.2f}"
        user = model.user_encoder(torch.from_numpy(emb[liked])[None], torch.ones(1, len(liked)))
        for g in args.guidance:
            z = ddim_sample(model.denoiser, user.expand(n, -1, -1), null.expand(n, -1, -1), torch.full((n,), RATING_LIKE),
                            noise, cosine_alphas_cumprod(), args.steps, g).numpy()
            nearest = sq_distances(z, emb).argmin(1)
            line += f"; prior g={g:g}: {(cats[nearest] == c).mean():.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
