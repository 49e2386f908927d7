"""Benchmark artefact, not shipped: the whole DDIM sampler (default steps, classifier-free
guidance) unrolled into one ONNX graph around the shipped denoiser, so `scripts/bench/
sampler-graph.ts` can measure what one session.run per generation buys over the page's loop of
one run per step (issue #7 asks). The page keeps the loop: it reports progress per step, takes
any step count, and one denoiser file serves every setting.

    /usr/bin/python3 models/export_sampler_graph.py [--checkpoint models/weights/prior.pt]
      → models/bench/sampler-graph.onnx (+ sampler-graph.json: which steps it bakes in). Not in
      models/fixtures: everything there is a parity fixture that the suite runs on WASM and WebGPU.

The arithmetic is diffusion.ddim_sample's, in float32 inside the graph (the loop keeps float64
state), with the manifest's alphasCumprod baked in as constants.
"""
from __future__ import annotations

import argparse
import json
import math
import os

import torch
import torch.nn as nn

from diffusion import DEFAULT_STEPS, cosine_alphas_cumprod, ddim_timesteps
from onnx_export import ROOT, export_onnx
from prior import load_prior


class SamplerGraph(nn.Module):
    def __init__(self, denoiser: nn.Module, steps: int):
        super().__init__()
        self.denoiser = denoiser
        self.timesteps = ddim_timesteps(steps)
        self.ac = cosine_alphas_cumprod()

    def forward(self, x_T, user_tokens, rating, guidance):
        """x_T (B, D); user_tokens (2B, K, W) and rating (2B,) laid out as the page's loop feeds
        the denoiser (B conditional rows, then B unconditional); guidance (1,) -> x0 (B, D)."""
        x = x_T
        b = x_T.shape[0]
        ones = torch.ones_like(rating, dtype=torch.float32)  # (2B,): a timestep per row
        for i, t in enumerate(self.timesteps):
            out = self.denoiser(torch.cat([x, x]), ones * float(t), user_tokens, rating)
            cond, uncond = out[:b], out[b:]
            x0 = uncond + guidance * (cond - uncond)
            if i + 1 == len(self.timesteps):
                return x0
            a_t, a_next = float(self.ac[t]), float(self.ac[self.timesteps[i + 1]])
            eps = (x - math.sqrt(a_t) * x0) / math.sqrt(1 - a_t)
            x = math.sqrt(a_next) * x0 + math.sqrt(1 - a_next) * eps
        raise AssertionError("unreachable: the last step returns")


@torch.no_grad()
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default=os.path.join(ROOT, "models", "weights", "prior.pt"))
    ap.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "bench"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    prior, _ = load_prior(args.checkpoint)
    cfg = prior.cfg
    graph = SamplerGraph(prior.denoiser, args.steps).eval()
    b = 2
    x_T = torch.randn(b, cfg.embedding_dim, generator=torch.Generator().manual_seed(0))
    tokens = torch.randn(2 * b, cfg.output_tokens, cfg.width, generator=torch.Generator().manual_seed(1))
    rating = torch.tensor([1, 1, 0, 0])
    guidance = torch.tensor([10.0])
    path = os.path.join(args.out, "sampler-graph.onnx")
    export_onnx(graph, (x_T, tokens, rating, guidance), path, ["x_T", "user_tokens", "rating", "guidance"], ["x0"])
    # guidance has one value whatever the batch: export_onnx marks axis 0 of every input dynamic,
    # which is harmless here.
    with open(os.path.join(args.out, "sampler-graph.json"), "w") as f:
        json.dump({"model": "sampler-graph.onnx", "steps": args.steps, "timesteps": graph.timesteps,
                   "checkpoint": os.path.relpath(args.checkpoint, ROOT),
                   "inputs": ["x_T", "user_tokens", "rating", "guidance"], "output": "x0"}, f, indent=1)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB), DDIM {args.steps} steps {graph.timesteps}")


if __name__ == "__main__":
    main()
