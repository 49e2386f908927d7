"""Can the user encoder read more taste from a rating set than it does? Continues the shipped
prior's user encoder and taste head on the taste loss alone — no denoiser in the step, so many
more users per minute than prior training sees — and reports, every --probe-every steps, the true
like-rate of each validation user's top 8 unrated catalog items under the taste head, against the
per-user logistic retrieval's (models/probe_taste_ceiling.py). A measurement, not a shipped model:
nothing reads the weights it trains; --save keeps them (the whole prior, its denoiser untouched)
for a next step to start from.

    /usr/bin/python3 models/probe_user_encoder_taste.py [--steps 1500] [--probe-items 512] [--save FILE]

With --features attributes, a fresh user encoder and taste head (the prior's shapes) learn from
the items' true attribute vectors instead of their embeddings: what a taste model trained across
the population can read from k ratings when the item description is perfect — against the per-user
logistic fit on the same features (the ceiling probe_taste_ceiling.py --attributes reports).
"""
from __future__ import annotations

import argparse
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from onnx_export import ROOT
from prior import Prior, PriorConfig, load_prior, save_prior
from probe_taste_ceiling import retrieval, taste_head_scores_of, top_items
from user_population import TRAIN_SEED, VALIDATION_SEED, load_world, make_population


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=f"{ROOT}/public/models")
    ap.add_argument("--prior", default=f"{ROOT}/models/weights/prior.pt")
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--probe-items", type=int, default=512, help="catalog items per user and step whose P(like) is the target")
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--probe-every", type=int, default=250)
    ap.add_argument("--ratings", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--features", choices=["embeddings", "attributes"], default="embeddings")
    ap.add_argument("--save", help="write the prior with this user encoder and taste head here at every probe")
    args = ap.parse_args()
    torch.set_num_threads(2)
    t0 = time.time()
    world = load_world(args.models)
    pop = make_population(world, 10000, TRAIN_SEED, skip_share=0.25)  # the prior's training users
    val = make_population(world, 300, VALIDATION_SEED)
    if args.features == "embeddings":
        emb_np = ((world.embeddings - world.mean) / world.std).astype(np.float32)
        model, _ = load_prior(args.prior, shipped=False)
    else:
        attrs = np.asarray(world.attrs.matrix, np.float32)
        pieces = PriorConfig().n_tokens  # the anchors cut an item into this many pieces: pad to a multiple
        emb_np = np.pad(attrs, ((0, 0), (0, -attrs.shape[1] % pieces)))
        model = Prior(PriorConfig(embedding_dim=emb_np.shape[1]))
    emb = torch.from_numpy(emb_np)
    k = args.ratings
    print(f"{time.time() - t0:.0f}s: validation users {len(val.p_like)}, {k} ratings, base {val.p_like.mean():.3f}, "
          f"logistic retrieval top 8 {retrieval(emb_np, val, k):.3f}", flush=True)

    def probe(step: int) -> None:
        model.eval()
        rate = top_items(taste_head_scores_of(model, emb_np, val, k), val, k)
        print(f"{time.time() - t0:.0f}s: step {step}, taste head top 8 {rate:.3f}", flush=True)
        model.train()

    probe(0)
    params = list(model.user_encoder.parameters()) + list(model.taste.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=1e-4)
    g = torch.Generator().manual_seed(args.seed)
    p_like = torch.from_numpy(pop.p_like)
    items = torch.from_numpy(np.maximum(pop.items, 0))
    signs = torch.from_numpy(pop.signs.astype(np.float32))
    n_max = model.cfg.max_ratings
    model.train()
    for step in range(1, args.steps + 1):
        for grp in opt.param_groups:  # warm-up, then cosine
            grp["lr"] = args.lr * min(1, step / 100) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        u = torch.randint(0, len(p_like), (args.batch,), generator=g)
        # k log-uniform in [1, 100], as prior training draws it.
        kk = torch.exp(torch.rand(args.batch, generator=g) * math.log(n_max + 1)).floor().long().clamp(1, n_max)
        n = int(kk.max())
        mask = (torch.arange(n)[None] < kk[:, None]).float() * (signs[u, :n] != 0).float()
        user = model.user_encoder(emb[items[u, :n]] * mask[..., None], signs[u, :n] * mask)
        probe_items = torch.randint(0, len(emb), (args.batch, args.probe_items), generator=g)
        loss = F.binary_cross_entropy_with_logits(model.taste(user, emb[probe_items]), torch.gather(p_like[u], 1, probe_items))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % 100 == 0:
            print(f"{time.time() - t0:.0f}s: step {step} taste loss {loss.item():.4f}", flush=True)
        if step % args.probe_every == 0 or step == args.steps:
            probe(step)
            if args.save:
                save_prior(args.save, model, {"step": step, "taste_only_steps": step})


if __name__ == "__main__":
    main()
