"""Train the image autoencoder on the catalog (seeded, resumable, checkpointing).

    /usr/bin/python3 models/train_autoencoder.py --out models/runs/ae [--steps N] [--smoke]
    /usr/bin/python3 models/train_autoencoder.py --out models/runs/ae2 --init models/runs/ae/checkpoint.pt \
        --steps 1200 --lr 5e-4 --contrastive 0.05      second stage: organise the embedding by meaning
    [--device cuda] [--decoder-widths 320,256,192,128,96]   GPU runs, a wider decoder (first stage only)

The second stage pulls together, on the unit sphere, items of one subcategory (each batch holds
pairs: the other vendor's drawing of the same emoji, a skin-tone variant, or else another item of
the subcategory). Reconstruction alone leaves the embedding sorted by layout and colour, and a
linear head on it can be satisfied by a few directions while nearest neighbours, which is what the
prior and the taste of a user see, stay pixel neighbours.
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from autoencoder import Autoencoder, AutoencoderConfig, load_checkpoint, save_checkpoint, smoke_config
from catalog_data import load_catalog, load_skin_variants


def image_gradients(x):  # (B, C, H, W) -> horizontal and vertical differences
    return x[..., :, 1:] - x[..., :, :-1], x[..., 1:, :] - x[..., :-1, :]


def reconstruction_loss(pred, target):
    """L1 + MSE on pixels plus L1 on image gradients: the gradient term fights the blur that
    a pixel loss alone settles for."""
    pdx, pdy = image_gradients(pred)
    tdx, tdy = image_gradients(target)
    grad = (pdx - tdx).abs().mean() + (pdy - tdy).abs().mean()
    return (pred - target).abs().mean() + 2 * F.mse_loss(pred, target) + grad


def random_shift(x, max_px: int, rng, to_device):
    """Each image moved by a whole number of pixels (up to max_px each way), the uncovered border
    transparent. An emoji moved a little means the same thing, so the contrastive terms learn to
    look past position, which pixel neighbours cannot."""
    b, _, h, w = x.shape
    d = rng.integers(-max_px, max_px + 1, size=(b, 2))
    theta = np.zeros((b, 2, 3), np.float32)
    theta[:, 0, 0] = theta[:, 1, 1] = 1
    theta[:, 0, 2] = -2 * d[:, 0] / w
    theta[:, 1, 2] = -2 * d[:, 1] / h
    grid = F.affine_grid(to_device(theta), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="nearest", padding_mode="zeros", align_corners=False)


def supervised_contrastive(z, labels, temperature: float = 0.2):
    """SupCon (Khosla et al. 2020) on the normalised embedding: every same-label item in the
    batch is a positive."""
    u = F.normalize(z, dim=1)
    logits = u @ u.t() / temperature
    self_mask = torch.eye(len(z), dtype=torch.bool, device=z.device)
    logits = logits.masked_fill(self_mask, -1e9)
    pos = (labels[:, None] == labels[None, :]) & ~self_mask
    log_prob = logits - logits.logsumexp(1, keepdim=True)
    has_pos = pos.any(1)
    return -((log_prob * pos).sum(1)[has_pos] / pos.sum(1)[has_pos]).mean()


def partner_table(base: np.ndarray, cat) -> list[np.ndarray]:
    """For each training image, the images that show the same emoji (other vendor, skin tones),
    or, for an emoji drawn once, the other images of its subcategory."""
    emoji = np.array([cat.items[b]["id"].split(":")[1] for b in base])
    groups: dict = {}
    for n, e in enumerate(emoji):
        groups.setdefault(e, []).append(n)
    by_sub: dict = {}
    for n, b in enumerate(base):
        by_sub.setdefault(int(cat.subcategory[b]), []).append(n)
    table = []
    for n, e in enumerate(emoji):
        same = [m for m in groups[e] if m != n] or [m for m in by_sub[int(cat.subcategory[base[n]])] if m != n]
        table.append(np.array(same or [n]))
    return table


def to_cpu(obj):
    """Checkpoints hold CPU tensors, so one written on a GPU loads anywhere."""
    if torch.is_tensor(obj):
        return obj.cpu()
    if isinstance(obj, dict):
        return {k: to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_cpu(v) for v in obj)
    return obj


@torch.no_grad()
def probe(model, cat, device=torch.device("cpu")) -> str:
    """Held-out PSNR and 10-NN category/subcategory accuracy, as the model card measures them."""
    from export_autoencoder import encode_all, knn_accuracy, nearest, psnr

    model.eval()
    z = encode_all(model.encoder, torch.from_numpy(cat.images).to(device))
    ho = cat.held_out
    rec = model.decoder(torch.from_numpy(z[ho]).to(device)).cpu().numpy()
    mse = float(((rec - cat.images[ho]) ** 2).mean())
    nn = nearest(z[ho], z[~ho])  # once for both label sets
    kc = knn_accuracy(z[ho], cat.category[ho], z[~ho], cat.category[~ho], nn=nn)
    ks = knn_accuracy(z[ho], cat.subcategory[ho], z[~ho], cat.subcategory[~ho], nn=nn)
    model.train()
    return f"held-out psnr {psnr(mse):.2f} knn10 category {kc:.3f} subcategory {ks:.3f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="models/runs/ae")
    ap.add_argument("--steps", type=int, default=2200)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init", help="start from this checkpoint's weights, with a fresh optimiser and schedule")
    ap.add_argument("--contrastive", type=float, default=0.0, help="weight of the subcategory SupCon term")
    ap.add_argument("--contrastive-category", type=float, default=0.0,
                    help="weight of a category SupCon term beside the subcategory one (needs --contrastive)")
    ap.add_argument("--augment-shift", type=int, default=0,
                    help="shift each training image by up to N pixels (meaning-preserving views for the contrastive terms)")
    ap.add_argument("--class-weight", type=float, default=0.05)
    ap.add_argument("--probe-every", type=int, default=0, help="held-out metrics every N steps (0: never)")
    ap.add_argument("--smoke", action="store_true", help="tiny model, few steps: exercises the pipeline")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda for GPU runs (models/bench/gpu_decoder_probe.sh)")
    ap.add_argument("--decoder-widths", help="5 comma-separated widths, at S (the latent grid), 8, 16, 32, 32 px (default: the config's)")
    ap.add_argument("--latent", help="CxS: a latent of C channels on an SxS grid, S 4 or 8 (default 8x8; first stage only)")
    args = ap.parse_args()
    if args.latent and args.init:
        ap.error("--latent: with --init the checkpoint's config decides")
    latent = tuple(int(v) for v in args.latent.split("x")) if args.latent else None
    if latent is not None and (len(latent) != 2 or latent[1] not in (4, 8)):
        ap.error("--latent is CxS with S 4 or 8")
    if args.decoder_widths and args.init:
        ap.error("--decoder-widths: with --init the checkpoint's config decides")
    widths = tuple(int(w) for w in args.decoder_widths.split(",")) if args.decoder_widths else None
    if widths is not None and len(widths) != 5:
        ap.error("--decoder-widths needs 5 widths")
    device = torch.device(args.device)
    if device.type == "cuda":  # TF32 and autotuned kernels: these small convnets are launch- and compute-bound
        torch.backends.cudnn.benchmark = True
        try:  # the legacy flags: torch >= 2.9 warns about them, and a refusal must not end a GPU run
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
        except (AttributeError, RuntimeError) as e:
            print(f"TF32 flags not set: {e}")
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)

    cat = load_catalog()
    train_idx = np.flatnonzero(~cat.held_out)
    skin, skin_base = load_skin_variants(cat, limit=64 if args.smoke else None)
    images = torch.from_numpy(np.concatenate([cat.images[train_idx], skin])).to(device)
    base = np.concatenate([train_idx, skin_base])
    category = torch.from_numpy(cat.category[base]).to(device)
    subcategory = torch.from_numpy(cat.subcategory[base]).to(device)
    print(f"train images {len(images)} (catalog {len(train_idx)}, skin variants {len(skin)}), held out {cat.held_out.sum()}")

    kw = dict(n_categories=len(cat.categories), n_subcategories=len(cat.subcategories))
    cfg = smoke_config(**kw) if args.smoke else AutoencoderConfig(**kw)
    if widths is not None:
        cfg = dataclasses.replace(cfg, decoder_widths=widths)
    if latent is not None:
        cfg = dataclasses.replace(cfg, latent_channels=latent[0], latent_size=latent[1])
    model = Autoencoder(cfg)
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    step, ck = 0, None
    if args.init:
        model, _ = load_checkpoint(args.init, shipped=False)
    if os.path.exists(ckpt_path) and not args.smoke:
        model, ck = load_checkpoint(ckpt_path, shipped=False)
    # On the device before the optimiser exists: its state is created (or loaded) beside the weights.
    model.to(device).train()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    if ck is not None:
        opt.load_state_dict(ck["optimizer"])
        step = ck["step"]
        rng = np.random.default_rng(args.seed + step)
        torch.manual_seed(args.seed + step)
        print(f"resumed at step {step}")
    n_param = sum(p.numel() for p in model.decoder.parameters())
    print(f"decoder parameters {n_param}, embedding {model.cfg.embedding_dim}, decoder widths {list(model.cfg.decoder_widths)}, device {device}")

    def to_device(a: np.ndarray) -> torch.Tensor:
        # Pinned and non-blocking: a plain host-to-GPU copy waits for the GPU to finish the step.
        t = torch.from_numpy(a)
        return t.pin_memory().to(device, non_blocking=True) if device.type == "cuda" else t

    partners = partner_table(base, cat) if args.contrastive > 0 else None
    warmup = max(1, min(200, args.steps // 10))
    model.train()
    t0 = time.time()
    while step < args.steps:
        lr = args.lr * min(1, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        if partners is None:
            idx = to_device(rng.integers(0, len(images), args.batch))
        else:  # half anchors, half a partner of each: every item has a positive in the batch
            a = rng.integers(0, len(images), args.batch // 2)
            idx = to_device(np.concatenate([a, [rng.choice(partners[i]) for i in a]]))
        x = images[idx]
        flip = to_device(rng.random(args.batch) < 0.3)
        x = torch.where(flip[:, None, None, None], x.flip(-1), x)
        if args.augment_shift:
            x = random_shift(x, args.augment_shift, rng, to_device)
        z = model.encoder(x)
        # Noise on the latent: the decoder must draw well off the catalog's exact points,
        # where the prior's samples land.
        z_noisy = z + 0.1 * z.detach().std() * torch.randn_like(z)
        rec = model.decoder(z_noisy)
        l_rec = reconstruction_loss(rec, x)
        l_cls = F.cross_entropy(model.category_head(z), category[idx]) + F.cross_entropy(
            model.subcategory_head(z), subcategory[idx]
        )
        loss = l_rec + args.class_weight * l_cls + 1e-4 * z.pow(2).mean()
        l_con = supervised_contrastive(z, subcategory[idx]) if partners is not None else torch.zeros((), device=device)
        loss = loss + args.contrastive * l_con
        if partners is not None and args.contrastive_category > 0:
            # Subcategory positives alone leave categories loosely gathered; the 10-NN category
            # point asks for the coarser grouping too.
            loss = loss + args.contrastive_category * supervised_contrastive(z, category[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0 or step == args.steps:
            mse = F.mse_loss(rec.detach(), x).item()
            print(
                f"step {step} loss {loss.item():.4f} rec {l_rec.item():.4f} cls {l_cls.item():.3f} con {l_con.item():.3f} "
                f"psnr~{-10 * math.log10(mse):.2f} lr {lr:.2e} {(time.time() - t0) / 60:.1f} min",
                flush=True,
            )
        if args.probe_every and (step % args.probe_every == 0 or step == args.steps):
            print(f"step {step} {probe(model, cat, device)}", flush=True)
        if step % 250 == 0 or step == args.steps:
            save_checkpoint(ckpt_path + ".tmp", model, {"optimizer": to_cpu(opt.state_dict()), "step": step, "seed": args.seed})
            os.replace(ckpt_path + ".tmp", ckpt_path)
    print("done")


if __name__ == "__main__":
    main()
