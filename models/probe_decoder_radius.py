"""How far from a catalog item can an embedding lie and still decode to an emoji? Draws 8
catalog items moved by 0, 0.5, 1 and 1.5 times the catalog's median nearest-neighbour distance
in a random direction, then by 0.5, 1 and 1.5 times it toward another catalog item (the
direction a blurry prior's posterior-mean errors take). Read it beside train_prior.py's probe,
which prints how far the prior's samples land in the same units.

    /usr/bin/python3 models/probe_decoder_radius.py [--out models/report/decoder-radius.png]
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

from autoencoder import load_checkpoint
from export_autoencoder import median_nearest_distance, sheet
from onnx_export import ROOT
from user_population import load_world


@torch.no_grad()
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--ae", default=os.path.join(ROOT, "models", "weights", "autoencoder.pt"))
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "report", "decoder-radius.png"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    world = load_world(args.models)
    ae, _ = load_checkpoint(args.ae)
    emb = (world.embeddings - world.mean) / world.std
    median_nn = median_nearest_distance(world.embeddings, {"mean": world.mean, "std": world.std})
    print(f"normalised embedding: median nearest-neighbour distance {median_nn:.2f}, "
          f"mean norm {np.linalg.norm(emb, axis=1).mean():.2f}")
    rng = np.random.default_rng(0)
    idx, other = rng.choice(len(emb), 8, replace=False), rng.choice(len(emb), 8, replace=False)
    rows = []
    for r in [0.0, 0.5, 1.0, 1.5]:
        u = rng.standard_normal(emb[idx].shape)
        rows.append(emb[idx] + r * median_nn * u / np.linalg.norm(u, axis=1, keepdims=True))
    toward = emb[other] - emb[idx]
    toward /= np.linalg.norm(toward, axis=1, keepdims=True)
    rows += [emb[idx] + r * median_nn * toward for r in [0.5, 1.0, 1.5]]
    raw = [torch.from_numpy((z * world.std + world.mean).astype(np.float32)) for z in rows]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    sheet([ae.decoder(z).numpy() for z in raw]).save(args.out)
    print(f"wrote {args.out}: rows 0, 0.5, 1, 1.5 x median NN at random; 0.5, 1, 1.5 x toward another item")


if __name__ == "__main__":
    main()
