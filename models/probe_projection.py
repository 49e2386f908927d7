"""Probe (measurement only): does pulling each generated embedding toward its nearest catalog item
— to at most r × the catalog's median nearest-neighbour distance from it — raise the oracle
like-rate, and what does it cost in novelty? Held-out users, 20 ratings, judged from the decoded
image exactly as models/evaluate_prior.py judges (same classifier recipe, same seeds).

    /usr/bin/python3 models/probe_projection.py --users 200 --radii inf,2,1.6,1.3,1.1
"""
from __future__ import annotations

import argparse
import json
import os
import time
from types import SimpleNamespace

import numpy as np
import torch

from attribute_classifier import AttributeClassifier, ClassifierConfig, train_classifier
from autoencoder import load_checkpoint
from diffusion import cosine_alphas_cumprod, ddim_sample
from evaluate_prior import PER_USER, Judge, batch_diversity, condition, sq_distances
from onnx_export import ROOT
from prior import RATING_LIKE, load_prior
from synthetic_users import keyword_vocabulary
from user_population import HELD_OUT_SEED, VALIDATION_SEED, load_world, make_population


def project(z: np.ndarray, catalog: np.ndarray, limit: float) -> np.ndarray:
    """Each row of z moved along the line to its nearest catalog row until it is at most `limit` away."""
    flat = z.reshape(-1, z.shape[-1])
    d2 = sq_distances(flat, catalog)
    nn = catalog[d2.argmin(1)]
    dist = np.sqrt(np.maximum(d2.min(1), 0))[:, None]
    scale = np.minimum(1.0, limit / np.maximum(dist, 1e-9))
    return (nn + (flat - nn) * scale).reshape(z.shape)


def judged_setup(args) -> SimpleNamespace:
    """What every decoded-image probe starts from, as models/evaluate_prior.py builds it: world,
    judge (classifier trained with the evaluation's recipe, cached by --classifier-cache), held-out
    users, normalised catalog, its median nearest-neighbour distance, prior and schedule."""
    torch.set_num_threads(2)
    torch.manual_seed(0)
    world = load_world(args.models)
    ae, _ = load_checkpoint(args.ae)
    prior, _ = load_prior(args.prior)
    with open(os.path.join(args.models, "manifest.json")) as f:
        sched = json.load(f)["prior"]["schedule"]
    cat = world.cat
    emb_norm = (world.embeddings - world.mean) / world.std
    judge = Judge(world, ae, None)
    vocab = keyword_vocabulary(cat.items)
    ccfg = ClassifierConfig(n_categories=len(cat.categories), n_subcategories=len(cat.subcategories), n_keywords=len(vocab))
    if args.classifier_cache and os.path.exists(args.classifier_cache):
        judge.clf = AttributeClassifier(ccfg)
        judge.clf.load_state_dict(torch.load(args.classifier_cache))
        judge.clf.eval()
    else:
        recon = judge.decode(emb_norm)
        kw = np.array([[k in it["keywords"] for k in vocab] for it in cat.items], np.float32)
        tr = ~cat.held_out
        rep = lambda a: np.concatenate([a[tr], a[tr]])
        judge.clf = train_classifier(np.concatenate([cat.images[tr], recon[tr]]), rep(cat.vendor), rep(cat.category),
                                     rep(cat.subcategory), rep(kw), ccfg, steps=args.classifier_steps, log=lambda *a: None,
                                     flip=getattr(args, "classifier_flip", 0.0))
        if args.classifier_cache:
            torch.save(judge.clf.state_dict(), args.classifier_cache)
    pop = make_population(world, args.users, VALIDATION_SEED if args.validation else HELD_OUT_SEED)
    median_nn = float(np.median(np.sqrt(np.sort(sq_distances(emb_norm, emb_norm), 1)[:, 1])))
    return SimpleNamespace(world=world, judge=judge, pop=pop, users=np.arange(args.users), emb_norm=emb_norm,
                           median_nn=median_nn, prior=prior, sched=sched)


def add_setup_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--ae", default=os.path.join(ROOT, "models", "weights", "autoencoder.pt"))
    ap.add_argument("--prior", default=os.path.join(ROOT, "models", "weights", "prior.pt"))
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--ratings", type=int, default=20)
    ap.add_argument("--classifier-steps", type=int, default=1000)
    ap.add_argument("--classifier-cache", default="", help="a file to keep the trained classifier in (probes only)")
    ap.add_argument("--validation", action="store_true", help="validation users (seed 3), to choose settings on, not held-out ones")


def report(v: SimpleNamespace, name: str, z: np.ndarray, t0: float) -> None:
    like = v.judge.like_rate(v.pop, v.users, z)
    nearest = np.sqrt(sq_distances(z.reshape(-1, z.shape[-1]), v.emb_norm).min(-1))
    print(f"{name}: like-rate {like.mean():.3f}, novel share {(nearest > v.median_nn).mean():.3f}, "
          f"median nearest / median nn {np.median(nearest) / v.median_nn:.2f}, diversity {batch_diversity(z):.1f} "
          f"({time.time() - t0:.0f}s)", flush=True)


def x0_move(shift: np.ndarray, keep_norm: bool):
    """What ddim_sample does to each step's x0: add the shift, or (keep_norm) add it and scale
    back to x0's own length."""
    if not keep_norm:
        return shift

    def turn(x0: torch.Tensor) -> torch.Tensor:
        moved = x0 + torch.as_tensor(shift, dtype=torch.float64)
        return moved * (x0.norm(dim=-1, keepdim=True) / moved.norm(dim=-1, keepdim=True).clamp(min=1e-12))
    return turn


def prior_samples(v: SimpleNamespace, k: int, x0_shift=None, guidance=None, keep_norm=False, seed=None) -> np.ndarray:
    """The evaluation's DDIM samples for k ratings (its seed); x0_shift (U, D) per user, or none, or
    a function of the (U * PER_USER, D) x0 that returns it moved (diffusion.shift_x0);
    guidance: the manifest's unless given. keep_norm: each shifted x0 scaled back to its own length
    (a turn toward the shift rather than a step out of the data's shell). seed: the noise's, else
    the evaluation's for this k."""
    e, s = condition(v.world, v.pop, v.users, k, v.emb_norm)
    with torch.no_grad():
        user = v.prior.user_encoder(e, s).repeat_interleave(PER_USER, 0)
        null = v.prior.user_encoder(torch.zeros_like(e[:1, :1]), torch.zeros_like(s[:1, :1])).expand(len(user), -1, -1)
        gen = torch.Generator().manual_seed(100 + k if seed is None else seed)
        shape = (len(user), v.emb_norm.shape[1])
        z = ddim_sample(v.prior.denoiser, user, null, torch.full((len(user),), RATING_LIKE), torch.randn(shape, generator=gen),
                        np.array(v.sched["alphasCumprod"]), v.sched["defaultSteps"], guidance or v.sched["defaultGuidance"],
                        x0_shift=None if x0_shift is None else x0_shift if callable(x0_shift)
                        else x0_move(np.repeat(x0_shift, PER_USER, 0), keep_norm))
    return z.numpy().reshape(len(v.users), PER_USER, -1)


def main() -> None:
    ap = argparse.ArgumentParser()
    add_setup_arguments(ap)
    ap.add_argument("--radii", default="inf,2,1.6,1.3,1.1")
    args = ap.parse_args()
    t0 = time.time()
    v = judged_setup(args)
    z = prior_samples(v, args.ratings)
    for r in [float(x) for x in args.radii.split(",")]:
        report(v, f"radius {r}", z if r == float("inf") else project(z, v.emb_norm, r * v.median_nn), t0)


if __name__ == "__main__":
    main()
