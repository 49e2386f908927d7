"""Noise schedule, samplers and guidance — the Python half. The TypeScript half
(src/engine/diffusion/) reads the same manifest section; keep the two in step.

Cosine schedule (Nichol & Dhariwal) over T = 1000 steps; the network predicts x0.
A shipped schedule is never changed in place: add a new name instead.
"""
from __future__ import annotations

import math

import numpy as np
import torch

T = 1000
SCHEDULE_NAME = "cosine-1000-v1"
# The sampler's default: 4 DDIM steps x (conditional + unconditional) = 8 network evaluations per
# item. 5 steps scored the same oracle like-rate as 10, 20 and 50 (models/EVALUATION.md); on the
# validation users 4 steps at guidance 10 match 5 (proxy like-rate 0.221 vs 0.220) while 3 steps
# fall behind at every guidance (0.216 at best): 4 saves a fifth of the denoiser time
# (models/report/choose-guidance.log; the held-out check is EVALUATION.md's steps table).
DEFAULT_STEPS = 4
# The sampler's default guidance, paired with the taste shift (taste_direction.TASTE["shift"]):
# the two were chosen together on the 300 validation users, never on the evaluation's held-out
# ones, by the oracle probe (probe_logistic_guidance.py --validation;
# models/report/experiments/g8-taste-shift-guidance-validation.log). Read by export_prior.py
# (written into the manifest) and distill_decoder.py (the prior samples the decoder learns from).
# choose_guidance.py's nearest-item proxy is flat once the shift is applied (models/README.md).
DEFAULT_GUIDANCE = 6.0


def cosine_alphas_cumprod(steps: int = T, s: float = 0.008) -> np.ndarray:
    f = lambda t: math.cos((t / steps + s) / (1 + s) * math.pi / 2) ** 2
    betas = np.array([min(1 - f(i + 1) / f(i), 0.999) for i in range(steps)])
    return np.cumprod(1 - betas)


def cosine_alpha_bar(t: torch.Tensor, steps: int = T, s: float = 0.008) -> torch.Tensor:
    """alphas_cumprod[t] of the cosine schedule as arithmetic on a float timestep, f(t + 1) / f(0),
    for networks that need it inside their graph (a v-predicting denoiser turns v into x0 there,
    so the exported graph still outputs x0 and the samplers stay as they are). Why not a table
    lookup: Cast float -> int64 then Gather puts an int64 index on the data path, and
    onnxruntime-web's WebGPU backend has got int64 comparisons wrong before (prior.Denoiser).
    Equal to cosine_alphas_cumprod to ~1e-7 except at t = 999, where the table's beta clip makes
    it 2.4e-9 against ~0 here (export_prior.py checks it at every export, the CI smoke included)."""
    f0 = math.cos(s / (1 + s) * math.pi / 2)
    return (torch.cos(((t + 1) / steps + s) / (1 + s) * (math.pi / 2)) / f0) ** 2


def ddim_timesteps(n_steps: int, steps: int = T) -> list[int]:
    """Evenly spaced, descending, ending at 0: e.g. 10 steps -> [999, 888, ..., 0]."""
    return [int(round(v)) for v in np.linspace(steps - 1, 0, n_steps)]


def manifest_section(alphas_cumprod: np.ndarray, default_steps: int, default_guidance: float) -> dict:
    return {
        "name": SCHEDULE_NAME,
        "prediction": "x0",
        "trainSteps": T,
        # float64 values written in full so that both sides compute from identical numbers.
        "alphasCumprod": [float(a) for a in alphas_cumprod],
        "defaultSteps": default_steps,
        "defaultGuidance": default_guidance,
        "sampler": "ddim-eta0",
        "guidance": "x0_uncond + g * (x0_cond - x0_uncond)",
        "unconditional": "user encoder on an empty rating set, rating token null",
    }


def guided_x0(denoise, x, t, user, user_null, rating, guidance):
    """Classifier-free guidance on the x0 prediction. Conditional and unconditional passes go
    in one batch."""
    b = x.shape[0]
    null_rating = torch.zeros_like(rating)
    x0 = denoise(torch.cat([x, x]), torch.cat([t, t]), torch.cat([user, user_null]), torch.cat([rating, null_rating]))
    cond, uncond = x0[:b], x0[b:]
    return uncond + guidance * (cond - uncond)


@torch.no_grad()
def shift_x0(x0, x0_shift):
    """x0 moved by x0_shift (B, D) — or, for probes that try other moves, x0_shift(x0) when it is
    a function."""
    if callable(x0_shift):
        return x0_shift(x0)
    return x0 + torch.as_tensor(x0_shift, dtype=torch.float64)


@torch.no_grad()
def ddim_sample(denoise, user, user_null, rating, noise, alphas_cumprod, n_steps, guidance, x0_shift=None):
    """Deterministic DDIM (eta = 0). noise (B, D) is x_T. 2 * n_steps network evaluations
    (counted as n_steps batched calls). x0_shift (B, D), if given, is added to every step's
    guided x0: the taste direction (taste_direction.py), as the page's sampler adds it."""
    ac = torch.tensor(alphas_cumprod, dtype=torch.float64)
    x = noise.double()
    steps = ddim_timesteps(n_steps)
    for i, t in enumerate(steps):
        tt = torch.full((x.shape[0],), float(t))
        x0 = guided_x0(denoise, x.float(), tt, user, user_null, rating, guidance).double()
        if x0_shift is not None:
            x0 = shift_x0(x0, x0_shift)
        a_t = ac[t]
        if i + 1 == len(steps):
            x = x0
            break
        a_next = ac[steps[i + 1]]
        eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
        x = a_next.sqrt() * x0 + (1 - a_next).sqrt() * eps
    return x.float()


@torch.no_grad()
def ancestral_sample(denoise, user, user_null, rating, generator, shape, alphas_cumprod, guidance, x0_shift=None):
    """REBECA's 1000-step ancestral (DDPM) sampler, for comparison; x0_shift as in ddim_sample."""
    ac = torch.tensor(alphas_cumprod, dtype=torch.float64)
    x = torch.randn(shape, generator=generator, dtype=torch.float64)
    for t in range(T - 1, -1, -1):
        tt = torch.full((shape[0],), float(t))
        x0 = guided_x0(denoise, x.float(), tt, user, user_null, rating, guidance).double()
        if x0_shift is not None:
            x0 = x0 + torch.as_tensor(x0_shift, dtype=torch.float64)
        a_t = ac[t]
        a_prev = ac[t - 1] if t > 0 else torch.tensor(1.0, dtype=torch.float64)
        beta = 1 - a_t / a_prev
        mean = (a_prev.sqrt() * beta / (1 - a_t)) * x0 + ((1 - beta).sqrt() * (1 - a_prev) / (1 - a_t)) * x
        if t > 0:
            var = beta * (1 - a_prev) / (1 - a_t)
            x = mean + var.sqrt() * torch.randn(shape, generator=generator, dtype=torch.float64)
        else:
            x = mean
    return x.float()


def q_sample(x0, t_index, noise, alphas_cumprod_t):
    """Forward process: x_t = sqrt(a) x0 + sqrt(1 - a) eps, alphas_cumprod_t (T,) tensor."""
    a = alphas_cumprod_t[t_index][:, None]
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
