"""Can the prior's denoiser learn to sample catalog-like embeddings at all, given more steps than the
conditional training gives it? (Measurement, not shipped.) The shipped prior's unconditional samples
sit far inside the data's shell (norm 10.4 against 22.5, models/README.md "Why a user's batch looks
like one blob"); here the same denoiser trains on catalog items alone — null user, null rating, no
user encoder work, so a step is cheap and the batch large — and its DDIM samples are checked:
norm, distance to the nearest catalog item (over the catalog's median nearest-neighbour
distance), diversity, and a picture of their decodes.

--ideal: instead, the memorising denoiser — the exact posterior mean of x0 over the catalog's items given
x_t — as a yardstick: its loss (the floor of the training loss on this data) and where its DDIM
samples land (on catalog items: copies).

--tokens patch cuts the 8x8x8 latent into 2x2 spatial patches of all 8 channels instead of the shipped cut
(each token half of one channel's map): prior.PriorConfig.patch_channels.

    /usr/bin/python3 models/probe_unconditional_prior.py --steps 1500 [--tokens patch] [--init models/weights/prior.pt]
    /usr/bin/python3 models/probe_unconditional_prior.py --ideal
"""
from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from autoencoder import load_checkpoint
from diffusion import cosine_alphas_cumprod, ddim_sample, q_sample
from export_autoencoder import median_nearest_distance, sheet
from onnx_export import ROOT
from prior import RATING_NULL, Prior, PriorConfig, load_prior
from user_population import load_world


@torch.no_grad()
def sample_stats(model, emb: torch.Tensor, median_nn: float, n: int, steps: int, seed: int = 7):
    ac = cosine_alphas_cumprod()
    null = model.user_encoder(torch.zeros(n, 1, emb.shape[1]), torch.zeros(n, 1))
    noise = torch.randn((n, emb.shape[1]), generator=torch.Generator().manual_seed(seed))
    z = ddim_sample(model.denoiser, null, null, torch.full((n,), RATING_NULL), noise, ac, steps, 1.0)
    d = torch.cdist(z.double(), emb.double())
    near = d.min(1).values
    pair = torch.pdist(z.double())
    return z, dict(norm=float(z.norm(dim=1).mean()), near=float(near.median() / median_nn),
                   novel=float((near > median_nn).float().mean()), diversity=float(pair.mean()))


def memorising_denoiser(emb: torch.Tensor, ac: torch.Tensor):
    """x0 = E[x0 | x_t] when x0 is uniform over the catalog's items (float64)."""
    def denoise(x_t, t, *_):
        a, x = ac[t.long()][:, None], x_t.double()
        sq = (x ** 2).sum(1, keepdim=True) - 2 * a.sqrt() * (x @ emb.T) + a * (emb ** 2).sum(1)[None]
        logp = -sq / (2 * (1 - a))
        return (torch.softmax(logp, 1) @ emb).float()
    return denoise


@torch.no_grad()
def ideal(emb: torch.Tensor, median_nn: float) -> None:
    emb = emb.double()
    ac = torch.tensor(cosine_alphas_cumprod(), dtype=torch.float64)
    denoise = memorising_denoiser(emb, ac)
    g = torch.Generator().manual_seed(0)
    losses = []
    for _ in range(8):
        i = torch.randint(0, len(emb), (256,), generator=g)
        t = torch.randint(0, len(ac), (256,), generator=g)
        x_t = q_sample(emb[i], t, torch.randn(256, emb.shape[1], generator=g, dtype=torch.float64), ac)
        losses.append(float(((denoise(x_t, t) - emb[i]) ** 2).mean()))
    print(f"memorising denoiser: loss {np.mean(losses):.4f} (x0 MSE, t uniform, as the prior trains)", flush=True)
    for n_steps in (4, 10):
        noise = torch.randn((64, emb.shape[1]), generator=torch.Generator().manual_seed(7))
        null = torch.zeros(64, 1)
        z = ddim_sample(denoise, null, null, torch.zeros(64, dtype=torch.long), noise, ac.numpy(), n_steps, 1.0).double()
        near = torch.cdist(z, emb).min(1).values
        print(f"memorising denoiser, DDIM {n_steps}: norm {float(z.norm(dim=1).mean()):.2f}, nearest catalog item at "
              f"{float(near.median()) / median_nn:.3f}x the median nearest-neighbour distance", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=os.path.join(ROOT, "public/models"))
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--tokens", choices=["channel", "patch"], default="channel")
    ap.add_argument("--init", help="start from this prior's weights (e.g. the shipped one)")
    ap.add_argument("--every", type=int, default=250)
    ap.add_argument("--picture", default="/tmp/unconditional-prior.png")
    ap.add_argument("--save")
    ap.add_argument("--ideal", action="store_true", help="only the memorising denoiser's yardstick")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    world = load_world(args.models)
    emb = torch.from_numpy((world.embeddings - world.mean) / world.std)
    median_nn = median_nearest_distance(world.embeddings, {"mean": world.mean, "std": world.std})
    print(f"catalog {tuple(emb.shape)}, mean norm {emb.norm(dim=1).mean():.1f}, median nn {median_nn:.2f}, tokens {args.tokens}", flush=True)
    if args.ideal:
        return ideal(emb, median_nn)
    model = load_prior(args.init, shipped=False)[0] if args.init else Prior(PriorConfig(embedding_dim=emb.shape[1], patch_channels=8 if args.tokens == "patch" else 0))
    if args.init:
        _, s = sample_stats(model.eval(), emb, median_nn, 256, 4)
        print(f"start: DDIM 4 {s}", flush=True)
    params = list(model.denoiser.parameters()) + list(model.user_encoder.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=1e-4)
    ac = torch.tensor(cosine_alphas_cumprod(), dtype=torch.float32)
    g = torch.Generator().manual_seed(0)
    t0 = time.time()
    model.train()
    for step in range(1, args.steps + 1):
        lr = args.lr * min(1, step / 100) * 0.5 * (1 + math.cos(math.pi * (step - 1) / args.steps))
        for grp in opt.param_groups:
            grp["lr"] = lr
        b = args.batch
        x0 = emb[torch.randint(0, len(emb), (b,), generator=g)]
        t = torch.randint(0, len(ac), (b,), generator=g)
        x_t = q_sample(x0, t, torch.randn(x0.shape, generator=g), ac)
        null = model.user_encoder(torch.zeros(b, 1, emb.shape[1]), torch.zeros(b, 1))
        pred = model.denoiser(x_t, t.float(), null, torch.full((b,), RATING_NULL))
        loss = F.mse_loss(pred, x0)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % 50 == 0:
            print(f"step {step} loss {loss.item():.4f} lr {lr:.2e} {(time.time() - t0) / 60:.1f} min", flush=True)
        if step % args.every == 0 or step == args.steps:
            model.eval()
            for n_steps in (4, 10):
                _, s = sample_stats(model, emb, median_nn, 256, n_steps)
                print(f"step {step} DDIM {n_steps}: " + ", ".join(f"{k} {v:.3f}" for k, v in s.items()), flush=True)
            model.train()
    model.eval()
    if args.save:
        torch.save({"config": model.cfg.__dict__, "state": model.state_dict(), }, args.save)
    ae = load_checkpoint(os.path.join(ROOT, "models/weights/autoencoder.pt"))[0]
    rows = []
    for n_steps in (4, 10):
        z, _ = sample_stats(model, emb, median_nn, 16, n_steps, seed=11)
        raw = z * torch.from_numpy(world.std) + torch.from_numpy(world.mean)
        with torch.no_grad():
            rows.append(ae.decoder(raw).clamp(0, 1).numpy())
        # and each sample's nearest catalog item, for scale
        near = torch.cdist(z, emb).argmin(1).numpy()
        rows.append(world.cat.images[near])
    sheet(rows).save(args.picture)
    print(f"picture {args.picture}", flush=True)


if __name__ == "__main__":
    main()
