"""Export the prior's two networks to ONNX, its schedule into the manifest, parity fixtures.

    /usr/bin/python3 models/export_prior.py --checkpoint models/runs/prior/checkpoint.pt
"""
from __future__ import annotations

import argparse
import math
import os

import numpy as np
import torch

from diffusion import DEFAULT_GUIDANCE, DEFAULT_STEPS, T, cosine_alpha_bar, cosine_alphas_cumprod, manifest_section
from onnx_export import ROOT, export_onnx, update_manifest, write_fixture
from taste_direction import TASTE
from prior import check_token_cut, load_prior, timestep_embedding


@torch.no_grad()
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default="models/runs/prior/checkpoint.pt")
    ap.add_argument("--out", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "models", "fixtures"))
    ap.add_argument("--guidance", type=float, default=DEFAULT_GUIDANCE)
    args = ap.parse_args()
    torch.set_num_threads(2)
    model, ck = load_prior(args.checkpoint)
    cfg = model.cfg
    # A v-predicting denoiser computes alphas_cumprod in its graph (diffusion.cosine_alpha_bar):
    # it must be the manifest's schedule, or the page's sampler and the network disagree.
    table = cosine_alphas_cumprod()
    in_graph = cosine_alpha_bar(torch.arange(T - 1, dtype=torch.float32)).double().numpy()
    assert np.abs(in_graph - table[:-1]).max() < 1e-6, "cosine_alpha_bar drifted from the manifest's schedule"
    # The timestep embedding's polynomial cos/sin (no GPU sin/cos in the graph) must stay the
    # function the weights were trained with: plain cos/sin of every timestep's arguments.
    steps = torch.arange(T, dtype=torch.float32)
    half = cfg.width // 2
    plain = steps[:, None] * torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)[None]
    drift = (timestep_embedding(steps, cfg.width) - torch.cat([plain.cos(), plain.sin()], -1)).abs().max().item()
    assert drift < 1e-6, f"timestep_embedding is {drift:.1e} from cos/sin"
    check_token_cut(cfg)
    rng = np.random.default_rng(0)
    d, w = cfg.embedding_dim, cfg.width
    emb = rng.standard_normal((2, 5, d)).astype(np.float32)
    ratings = np.array([[1, -1, 1, 0, 0], [-1, 1, 1, 1, 1]], np.float32)
    ue, de = model.user_encoder, model.denoiser
    export_onnx(ue, (torch.from_numpy(emb), torch.from_numpy(ratings)), os.path.join(args.out, "user-encoder.onnx"),
                ["embeddings", "ratings"], ["user_tokens"])
    # The ratings axis is dynamic too: the page sends 1..max_ratings ratings.
    import onnx
    m = onnx.load(os.path.join(args.out, "user-encoder.onnx"))
    for inp in m.graph.input:
        inp.type.tensor_type.shape.dim[1].dim_param = "ratings"
    onnx.save(m, os.path.join(args.out, "user-encoder.onnx"))
    tokens = ue(torch.from_numpy(emb), torch.from_numpy(ratings))
    x_t = rng.standard_normal((2, d)).astype(np.float32)
    t = np.array([999.0, 10.0], np.float32)
    rating = np.array([1, 2], np.int64)
    export_onnx(de, (torch.from_numpy(x_t), torch.from_numpy(t), tokens, torch.from_numpy(rating)),
                os.path.join(args.out, "denoiser.onnx"), ["x_t", "t", "user_tokens", "rating"], ["x0"])
    write_fixture(os.path.join(args.fixtures, "user-encoder.json"), "user-encoder.onnx",
                  {"embeddings": emb, "ratings": ratings}, {"user_tokens": tokens.numpy()})
    x0 = de(torch.from_numpy(x_t), torch.from_numpy(t), tokens, torch.from_numpy(rating))
    fx = {"x_t": x_t, "t": t, "user_tokens": tokens.numpy()}
    write_fixture(os.path.join(args.fixtures, "denoiser.json"), "denoiser.onnx", fx, {"x0": x0.numpy()})
    # rating is int64: stored beside the float fixture
    import json
    path = os.path.join(args.fixtures, "denoiser.json")
    with open(path) as f:
        j = json.load(f)
    j["int64Feeds"] = {"rating": {"dims": [2], "data": rating.tolist()}}
    with open(path, "w") as f:
        json.dump(j, f)
    update_manifest(args.out, "prior", {
        "userEncoder": {"file": "user-encoder.onnx", "inputs": ["embeddings", "ratings"], "output": "user_tokens",
                        "ratingValues": {"like": 1, "dislike": -1, "padding": 0}},
        "denoiser": {"file": "denoiser.onnx", "inputs": ["x_t", "t", "user_tokens", "rating"], "output": "x0",
                     "ratingTokens": {"null": 0, "like": 1, "dislike": 2}},
        "userTokens": cfg.output_tokens, "width": w, "maxRatings": cfg.max_ratings,
        "schedule": manifest_section(cosine_alphas_cumprod(), DEFAULT_STEPS, args.guidance),
        # The sampler's lean along the user's own taste direction (taste_direction.py).
        "taste": dict(TASTE),
        "config": vars(cfg), "trainedSteps": ck.get("step", 0) + ck.get("steps_before", 0),
    })
    print("exported prior", vars(cfg))


if __name__ == "__main__":
    main()
