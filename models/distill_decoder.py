"""Third decoder stage: a smaller decoder for the same embedding, taught by the shipped one.

    /usr/bin/python3 models/distill_decoder.py --teacher models/weights/autoencoder-stage2.pt \
        --prior models/weights/prior.pt --out models/runs/ae3 [--steps N] [--smoke]

Why: the decoder was two thirds of the page's generation time (8 items: 210 of 324 ms, Node
WASM, 1 thread; BENCHMARKS.md) at 269M multiply-adds per image, most of them at 32 px. The
student keeps the teacher's encoder, so the embedding space, the catalog embeddings and the
prior stay exactly as they are; only the decoder is new. It learns from
- the catalog's training items (and skin-tone variants) through the frozen encoder, with the
  first stage's loss and latent noise: it draws what the catalog shows;
- a bank of the prior's own samples for training users, against the teacher's pictures of
  them: where the prior samples, far from every catalog item, the teacher's drawing is the
  only reference there is, and the page's generated items should not change character.
"""
from __future__ import annotations

import argparse
import math
import os
import time
from dataclasses import replace

import numpy as np
import torch

from autoencoder import Autoencoder, load_checkpoint, save_checkpoint
from catalog_data import load_catalog, load_skin_variants
from diffusion import DEFAULT_GUIDANCE, DEFAULT_STEPS, cosine_alphas_cumprod, ddim_sample
from prior import RATING_DISLIKE, RATING_LIKE, load_prior
from train_autoencoder import probe, reconstruction_loss
from user_population import TRAIN_SEED, VALIDATION_SEED, World, load_world, make_population

# 99M multiply-adds per image (teacher: 269M): narrower at every scale, 32 px above all.
STUDENT_WIDTHS = (128, 96, 64, 32, 24)
SMOKE_WIDTHS = (16, 8, 8, 8, 8)


@torch.no_grad()
def prior_sample_bank(world: World, prior_path: str, n: int, seed: int, guidance: float,
                      n_steps: int = DEFAULT_STEPS, batch: int = 256, users_seed: int = TRAIN_SEED) -> np.ndarray:
    """n raw (un-normalised) embeddings drawn the way the page draws them: a training user's
    first k ratings (k from 5 to 100), the like token (one in five: dislike), DDIM with the
    default guidance. Training users only (seed TRAIN_SEED); the evaluation's are never seen."""
    rng = np.random.default_rng(seed)
    pop = make_population(world, max(256, n // 4), users_seed)
    prior, _ = load_prior(prior_path)
    emb = torch.from_numpy((world.embeddings - world.mean) / world.std)
    null = prior.user_encoder(torch.zeros(1, 1, emb.shape[1]), torch.zeros(1, 1))
    gen = torch.Generator().manual_seed(seed)
    out = []
    for start in range(0, n, batch):
        b = min(batch, n - start)
        users = rng.integers(0, len(pop.items), b)
        k = int(rng.choice([5, 10, 20, 50, 100]))
        seen = pop.items[users, :k]
        items = torch.from_numpy(np.maximum(seen, 0))
        signs = torch.from_numpy(np.where(seen >= 0, pop.signs[users, :k], 0).astype(np.float32))
        user = prior.user_encoder(emb[items], signs)
        rating = torch.from_numpy(np.where(rng.random(b) < 0.8, RATING_LIKE, RATING_DISLIKE))
        noise = torch.randn((b, emb.shape[1]), generator=gen)
        z = ddim_sample(prior.denoiser, user, null.expand(b, -1, -1), rating, noise, cosine_alphas_cumprod(),
                        n_steps, guidance)
        out.append(z.numpy() * world.std + world.mean)
    return np.concatenate(out).astype(np.float32)


@torch.no_grad()
def agreement(teacher, student, bank: torch.Tensor) -> float:
    """PSNR of the student's pictures of prior samples against the teacher's: how much the
    page's generated items change with the smaller decoder."""
    a = torch.cat([teacher.decoder(bank[i:i + 256]) for i in range(0, len(bank), 256)])
    b = torch.cat([student.decoder(bank[i:i + 256]) for i in range(0, len(bank), 256)])
    return float(-10 * torch.log10(((a - b) ** 2).mean()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher", default="models/weights/autoencoder-stage2.pt")
    ap.add_argument("--prior", default="models/weights/prior.pt")
    ap.add_argument("--models", default="public/models", help="the export whose catalog embeddings the prior reads")
    ap.add_argument("--out", default="models/runs/ae3")
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=48, help="catalog items per step")
    ap.add_argument("--bank-batch", type=int, default=32, help="prior samples per step")
    ap.add_argument("--bank", type=int, default=8000, help="prior samples drawn once, before training")
    ap.add_argument("--guidance", type=float, default=DEFAULT_GUIDANCE)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--probe-every", type=int, default=500)
    ap.add_argument("--smoke", action="store_true", help="tiny student, few steps: exercises the pipeline")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()

    cat = load_catalog()
    train_idx = np.flatnonzero(~cat.held_out)
    skin, _ = load_skin_variants(cat, limit=64 if args.smoke else None)
    images = torch.from_numpy(np.concatenate([cat.images[train_idx], skin]))
    teacher, _ = load_checkpoint(args.teacher)  # as shipped: the pictures the page draws today
    world = load_world(args.models)
    bank = torch.from_numpy(prior_sample_bank(world, args.prior, args.bank, args.seed + 1, args.guidance))
    with torch.no_grad():
        bank_images = torch.cat([teacher.decoder(bank[i:i + 256]) for i in range(0, len(bank), 256)])
    print(f"train images {len(images)}, prior bank {len(bank)} ({(time.time() - t0) / 60:.1f} min)", flush=True)

    trained, _ = load_checkpoint(args.teacher, shipped=False)  # the encoder and heads, unrounded
    cfg = replace(trained.cfg, decoder_widths=SMOKE_WIDTHS if args.smoke else STUDENT_WIDTHS)
    model = Autoencoder(cfg)
    state = {k: v for k, v in trained.state_dict().items() if not k.startswith("decoder.")}
    model.load_state_dict(state, strict=False)
    for p in [*model.encoder.parameters(), *model.category_head.parameters(), *model.subcategory_head.parameters()]:
        p.requires_grad_(False)
    model.encoder.eval()  # frozen, BatchNorm statistics included
    model.decoder.train()
    opt = torch.optim.AdamW(model.decoder.parameters(), lr=args.lr, weight_decay=1e-4)
    print(f"student decoder parameters {sum(p.numel() for p in model.decoder.parameters())}", flush=True)
    with torch.no_grad():
        z_std = float(model.encoder(images[:256]).std())

    warmup = max(1, min(200, args.steps // 10))
    for step in range(1, args.steps + 1):
        lr = args.lr * min(1, step / warmup) * 0.5 * (1 + math.cos(math.pi * (step - 1) / args.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x = images[torch.from_numpy(rng.integers(0, len(images), args.batch))]
        flip = torch.from_numpy(rng.random(args.batch) < 0.3)
        x = torch.where(flip[:, None, None, None], x.flip(-1), x)
        b = torch.from_numpy(rng.integers(0, len(bank), args.bank_batch))
        with torch.no_grad():
            z = model.encoder(x)
            # The first stage's latent noise: the decoder must draw well off the exact points.
            z = z + 0.1 * z_std * torch.randn_like(z)
        out = model.decoder(torch.cat([z, bank[b]]))  # one batch: BatchNorm sees both kinds
        l_cat = reconstruction_loss(out[: args.batch], x)
        l_bank = reconstruction_loss(out[args.batch:], bank_images[b])
        loss = l_cat + l_bank
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % 50 == 0 or step == args.steps:
            print(f"step {step} catalog {l_cat.item():.4f} bank {l_bank.item():.4f} lr {lr:.2e} "
                  f"{(time.time() - t0) / 60:.1f} min", flush=True)
        if args.probe_every and (step % args.probe_every == 0 or step == args.steps):
            print(f"step {step} {probe(model, cat)}", flush=True)
            model.encoder.eval()
        if step % 250 == 0 or step == args.steps:
            tmp = os.path.join(args.out, "checkpoint.pt.tmp")
            save_checkpoint(tmp, model, {"step": step, "stage": "distilled decoder", "seed": args.seed})
            os.replace(tmp, os.path.join(args.out, "checkpoint.pt"))
    model.eval()
    held = torch.from_numpy(prior_sample_bank(world, args.prior, 64 if args.smoke else 1024, args.seed + 2,
                                              args.guidance, users_seed=VALIDATION_SEED))
    print(f"validation users' prior samples, student vs teacher: PSNR {agreement(teacher, model, held):.2f} dB")
    print("done")


if __name__ == "__main__":
    main()
