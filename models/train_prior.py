"""Train the personalized diffusion prior on synthetic users (seeded, resumable).

    /usr/bin/python3 models/train_prior.py --models public/models --out models/runs/prior [--smoke]
"""
from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from diffusion import cosine_alphas_cumprod, ddim_sample, q_sample
from export_autoencoder import median_nearest_distance
from prior import RATING_DISLIKE, RATING_LIKE, RATING_NULL, Prior, PriorConfig, load_prior, save_prior, smoke_prior_config
from user_population import HELD_OUT_SEED, TRAIN_SEED, load_world, make_population


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="public/models")
    ap.add_argument("--out", default="models/runs/prior")
    ap.add_argument("--users", type=int, default=10000)
    ap.add_argument("--steps", type=int, default=1500, help="length of the learning-rate schedule")
    ap.add_argument("--stop", type=int, default=1000,
                    help="stop after this many steps of the schedule: the shipped prior is the step-1,000 checkpoint "
                         "of the 1,500-step schedule, which followed its ratings better on validation users "
                         "(like-rate 0.214 at its best guidance) than the step-1,500 one (0.174): models/README.md")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--init", help="start from this prior checkpoint's weights (fresh optimizer, step 0), "
                    "e.g. to carry a prior over to a fine-tuned autoencoder's embedding")
    ap.add_argument("--taste-weight", type=float, default=1.0)
    ap.add_argument("--targets-per-user", type=int, default=1,
                    help="diffusion targets (item, timestep, noise) per user and step: the user encoder runs once "
                         "for all of them, so the denoiser sees more samples per second (the second stage uses 4)")
    ap.add_argument("--prediction", choices=["x0", "v"], default="x0",
                    help="what the denoiser's last layer predicts (prior.PriorConfig.prediction); ignored with --init")
    ap.add_argument("--patch-channels", type=int, default=PriorConfig.patch_channels,
                    help="how the denoiser cuts the embedding into tokens (prior.PriorConfig.patch_channels): 0, the "
                         "shipped contiguous cut; the latent's channel count (8) for 2x2 spatial patches (tried "
                         "2026-12-08, not shipped); ignored with --init")
    ap.add_argument("--skip-share", type=float, default=0.25, help="users who skip instead of disliking")
    ap.add_argument("--sharpness", type=float, default=4.0,
                    help="targets are drawn with weight P(like)^sharpness: what the user loves, not "
                         "the catalog's many lukewarm maybes (at 1 a perfect prior scores only ~2x base)")
    args = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    world = load_world(args.models)
    pop = make_population(world, 64 if args.smoke else args.users, TRAIN_SEED, skip_share=args.skip_share)
    print(f"users {len(pop.p_like)}, base like rate {pop.p_like.mean():.3f}, {time.time() - t0:.0f}s", flush=True)
    emb = torch.from_numpy((world.embeddings - world.mean) / world.std)  # (N, D) normalised
    p_like = torch.from_numpy(pop.p_like)
    obs_items = torch.from_numpy(np.maximum(pop.items, 0))
    obs_signs = torch.from_numpy(pop.signs.astype(np.float32))
    dim = emb.shape[1]

    cfg = smoke_prior_config(dim, args.prediction) if args.smoke else PriorConfig(embedding_dim=dim, prediction=args.prediction)
    cfg.patch_channels = args.patch_channels
    model = Prior(cfg)
    steps_before = 0  # steps of the stages this one continues (the manifest's trainedSteps counts them all)
    if args.init:
        model, init_ck = load_prior(args.init, shipped=False)
        cfg = model.cfg
        steps_before = init_ck.get("step", 0) + init_ck.get("steps_before", 0)
        print(f"weights from {args.init} ({steps_before} steps)", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    ckpt = os.path.join(args.out, "checkpoint.pt")
    step = 0
    if os.path.exists(ckpt) and not args.smoke:
        model, ck = load_prior(ckpt, shipped=False)
        opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
        opt.load_state_dict(ck["optimizer"])
        step = ck["step"]
        steps_before = ck.get("steps_before", steps_before)
    model.train()
    ac = torch.tensor(cosine_alphas_cumprod(), dtype=torch.float32)
    g = torch.Generator().manual_seed(args.seed + step)
    n_max = cfg.max_ratings
    print(f"prior parameters: user encoder {sum(p.numel() for p in model.user_encoder.parameters())}, "
          f"denoiser {sum(p.numel() for p in model.denoiser.parameters())}", flush=True)
    val = make_population(world, 32 if args.smoke else 256, HELD_OUT_SEED)
    emb_np = emb.numpy()
    median_nn = median_nearest_distance(world.embeddings, {"mean": world.mean, "std": world.std})

    @torch.no_grad()
    def probe(m):
        """Cheap check that the prior follows ratings: held-out users, 20 ratings, true taste of
        the nearest catalog item (the full oracle is evaluate_prior.py)."""
        m.eval()
        items = torch.from_numpy(np.maximum(val.items[:, :20], 0))
        signs = torch.from_numpy(val.signs[:, :20].astype(np.float32))
        user = m.user_encoder(emb[items], signs)
        null = m.user_encoder(torch.zeros(len(items), 1, dim), torch.zeros(len(items), 1))
        noise = torch.randn((len(items), dim), generator=torch.Generator().manual_seed(7))
        z = ddim_sample(m.denoiser, user, null, torch.full((len(items),), RATING_LIKE), noise, ac.numpy(), 10, 3.0).numpy()
        d = (z ** 2).sum(1)[:, None] - 2 * z @ emb_np.T + (emb_np ** 2).sum(1)[None]
        like = float(val.p_like[np.arange(len(items)), d.argmin(1)].mean())
        # Distance to the nearest catalog item over the catalog's median nearest-neighbour
        # distance: far above 1, the decoder draws colour blends instead of emoji.
        return like, float(np.median(np.sqrt(np.maximum(d.min(1), 0))) / median_nn)

    stop = min(args.stop, args.steps)
    while step < stop:
        lr = args.lr * min(1, (step + 1) / 200) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for grp in opt.param_groups:
            grp["lr"] = lr
        b = args.batch
        u = torch.randint(0, len(p_like), (b,), generator=g)
        # Condition: the first k ratings of the user's sequence; k = 0 drops the user.
        # k log-uniform in [1, 100]: small rating sets (a new visitor's) are seen as often as
        # large ones; tensors are cut to the batch's largest k, which keeps steps cheap.
        k = torch.exp(torch.rand(b, generator=g) * math.log(n_max + 1)).floor().long().clamp(1, n_max)
        # CFG drops: both user and rating (the unconditional pass the sampler uses) with p 0.15,
        # and each alone with p 0.05.
        drop = torch.rand(b, generator=g)
        k = torch.where((drop < 0.15) | ((drop >= 0.15) & (drop < 0.20)), torch.zeros_like(k), k)
        n = max(int(k.max()), 1)
        mask = (torch.arange(n)[None] < k[:, None]).float() * (obs_signs[u, :n] != 0).float()
        cond_emb = emb[obs_items[u, :n]] * mask[..., None]  # (B, n, D)
        cond_sign = obs_signs[u, :n] * mask  # (B, n)
        # Target: an item the user likes (or dislikes) under their true taste; rating dropped
        # (CFG, p 0.15) means any item of the catalog.
        r = torch.full((b,), RATING_LIKE)
        roll = torch.rand(b, generator=g)
        r = torch.where(roll < 0.25, torch.full_like(r, RATING_DISLIKE), r)
        r = torch.where((drop < 0.15) | ((drop >= 0.20) & (drop < 0.25)), torch.full_like(r, RATING_NULL), r)
        pu = p_like[u]
        w = torch.where((r == RATING_LIKE)[:, None], pu ** args.sharpness,
                        torch.where((r == RATING_DISLIKE)[:, None], (1 - pu) ** args.sharpness, torch.ones_like(pu)))
        m = args.targets_per_user
        # (B * m,), user-major; one target draws as it always did, so the first stage reproduces.
        target = torch.multinomial(w, m, replacement=m > 1, generator=g).reshape(-1)
        x0 = emb[target]
        t = torch.randint(0, len(ac), (b * m,), generator=g)
        noise = torch.randn(x0.shape, generator=g)
        x_t = q_sample(x0, t, noise, ac)
        user = model.user_encoder(cond_emb, cond_sign)
        pred = model.denoiser(x_t, t.float(), user.repeat_interleave(m, 0), r.repeat_interleave(m, 0))
        if cfg.prediction == "v":
            # The loss of v itself: x0's error is sqrt(1 - a) times v's, so this weighs x0's
            # error by 1 / (1 - a) = 1 + SNR — what makes the denoiser exact near the data.
            diffusion_loss = (((pred - x0) ** 2).mean(1) / (1 - ac[t]).clamp(min=1e-5)).mean()
        else:
            diffusion_loss = F.mse_loss(pred, x0)
        # The taste head: the user's true P(like) of random catalog items, from the same tokens.
        probe_items = torch.randint(0, len(emb), (b, 128), generator=g)
        logits = model.taste(user, emb[probe_items])
        taste_loss = F.binary_cross_entropy_with_logits(logits, torch.gather(pu, 1, probe_items))
        loss = diffusion_loss + args.taste_weight * taste_loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 100 == 0 or step == stop:
            print(f"step {step} loss {diffusion_loss.item():.4f} taste {taste_loss.item():.4f} lr {lr:.2e} {(time.time() - t0) / 60:.1f} min", flush=True)
        if step % 250 == 0 or step == stop:
            like, far = probe(model)
            print(f"step {step} held-out like-rate at 20 ratings (nearest catalog item of a DDIM-10 "
                  f"sample, guidance 3): {like:.3f} (base {val.p_like.mean():.3f}); nearest catalog item "
                  f"at {far:.2f}x the catalog's median nearest-neighbour distance", flush=True)
            model.train()
        if step % 500 == 0 or step == stop:
            save_prior(ckpt + ".tmp", model, {"optimizer": opt.state_dict(), "step": step, "steps_before": steps_before,
                                              "seed": args.seed, "sharpness": args.sharpness})
            os.replace(ckpt + ".tmp", ckpt)
    print("done")


if __name__ == "__main__":
    main()
