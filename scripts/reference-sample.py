"""PyTorch reference for the TypeScript sampler: the prior's own networks and models/diffusion.py
`ddim_sample`, fed the same ratings file and the same initial noise (which the TypeScript side
draws from its seed and passes in). Prints {"z": [...], "embedding": [...]} as JSON.

    /usr/bin/python3 scripts/reference-sample.py --checkpoint CK --models DIR --ratings FILE \
        --noise NOISE.json [--steps K] [--guidance G] [--target like|dislike]

NOISE.json: {"batch": B, "noise": [B * D numbers]}. Used by scripts/generate.test.ts.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "models"))

from diffusion import cosine_alphas_cumprod, ddim_sample  # noqa: E402
from prior import load_prior  # noqa: E402
from taste_direction import taste_shifts  # noqa: E402


@torch.no_grad()
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--models", required=True)
    ap.add_argument("--catalog", default=os.path.join(ROOT, "public", "catalog", "catalog.json"))
    ap.add_argument("--ratings", required=True)
    ap.add_argument("--noise", required=True)
    ap.add_argument("--steps", type=int)
    ap.add_argument("--guidance", type=float)
    ap.add_argument("--target", choices=["like", "dislike"], default="like")
    args = ap.parse_args()
    torch.set_num_threads(1)

    with open(os.path.join(args.models, "manifest.json")) as f:
        manifest = json.load(f)
    ae, pr = manifest["autoencoder"], manifest["prior"]
    schedule = pr["schedule"]
    alphas = np.array(schedule["alphasCumprod"], dtype=np.float64)
    # The manifest is what both samplers read; it must still be the schedule diffusion.py defines.
    assert np.allclose(alphas, cosine_alphas_cumprod(), rtol=0, atol=1e-15), "manifest schedule differs from diffusion.py"
    mean = np.array(ae["normalization"]["mean"], dtype=np.float64)
    std = np.array(ae["normalization"]["std"], dtype=np.float64)
    d = ae["embeddingDim"]

    with open(args.catalog) as f:
        ids = [item["id"] for item in json.load(f)["items"]]
    row = {item: i for i, item in enumerate(ids)}
    catalog = np.fromfile(os.path.join(args.models, ae["catalogEmbeddings"]["file"]), dtype="<f2").astype(np.float64).reshape(-1, d)

    with open(args.ratings) as f:
        ratings = json.load(f)["ratings"][-pr["maxRatings"]:]  # oldest first; the most recent are kept
    values = pr["userEncoder"]["ratingValues"]
    raw = np.stack([np.array(r["embedding"], np.float64) if "embedding" in r else catalog[row[r["item"]]] for r in ratings]) \
        if ratings else np.zeros((0, d))
    z_ratings = ((raw - mean) / std).astype(np.float32)
    r_values = np.array([values[r["rating"]] for r in ratings], np.float32)

    with open(args.noise) as f:
        noise_json = json.load(f)
    b = noise_json["batch"]
    noise = torch.tensor(noise_json["noise"], dtype=torch.float64).view(b, d)

    model, _ = load_prior(args.checkpoint)
    ue = model.user_encoder
    user_null = ue(torch.zeros(1, 1, d), torch.zeros(1, 1))  # the empty set: one masked padding entry
    user = ue(torch.from_numpy(z_ratings)[None], torch.from_numpy(r_values)[None]) if ratings else user_null
    tokens = pr["denoiser"]["ratingTokens"]
    rating = torch.full((b,), tokens[args.target], dtype=torch.int64)
    # The lean along this rating set's taste direction, fitted on the float32 embeddings the encoder reads.
    shift = None
    if ratings and pr["taste"]["shift"] != 0:
        signs = np.where(r_values > 0, 1.0, -1.0)
        one = taste_shifts(z_ratings.astype(np.float64)[None], signs[None], 1.0 if args.target == "like" else -1.0, pr["taste"])
        shift = np.repeat(one, b, 0)
    z = ddim_sample(model.denoiser, user.expand(b, -1, -1), user_null.expand(b, -1, -1), rating, noise, alphas,
                    args.steps or schedule["defaultSteps"], schedule["defaultGuidance"] if args.guidance is None else args.guidance,
                    x0_shift=shift)
    z = z.double().numpy()
    json.dump({"z": z.reshape(-1).tolist(), "embedding": (z * std + mean).reshape(-1).tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
