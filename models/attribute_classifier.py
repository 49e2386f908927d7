"""The oracle's eyes: predicts vendor, category, subcategory and name keywords from pixels.

The evaluation judges generated items from their *decoded image*, never from the embedding the
prior produced, so it needs a classifier that sees pictures. It is trained on catalog images and
on the decoder's reconstructions of them (so decoded pictures are in its training distribution),
and it is independent of the autoencoder's weights.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ClassifierConfig:
    n_categories: int = 9
    n_subcategories: int = 98
    n_keywords: int = 60
    width: int = 48


class AttributeClassifier(nn.Module):
    def __init__(self, cfg: ClassifierConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.width
        block = lambda a, b: nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.BatchNorm2d(b), nn.SiLU(),
                                           nn.Conv2d(b, b, 3, padding=1), nn.BatchNorm2d(b), nn.SiLU(), nn.MaxPool2d(2))
        self.features = nn.Sequential(block(4, w), block(w, 2 * w), block(2 * w, 4 * w), block(4 * w, 4 * w))
        self.head = nn.Linear(4 * w * 4, 2 + cfg.n_categories + cfg.n_subcategories + cfg.n_keywords)

    def forward(self, image):  # (B, 4, 64, 64) -> logits (B, 2 + C + S + K)
        x = F.avg_pool2d(image, 2)  # (B, 4, 32, 32)
        return self.head(self.features(x).flatten(1))  # features (B, 4w, 2, 2)

    def split(self, logits):
        c = self.cfg
        i = np.cumsum([2, c.n_categories, c.n_subcategories])
        return logits[:, : i[0]], logits[:, i[0] : i[1]], logits[:, i[1] : i[2]], logits[:, i[2] :]

    @torch.no_grad()
    def predict(self, images: np.ndarray) -> tuple[np.ndarray, ...]:
        """Probabilities: vendor (N, 2), category (N, C), subcategory (N, S), keywords (N, K)."""
        self.eval()
        out = [self(torch.from_numpy(images[i : i + 256])) for i in range(0, len(images), 256)]
        v, c, s, k = self.split(torch.cat(out))
        return v.softmax(-1).numpy(), c.softmax(-1).numpy(), s.softmax(-1).numpy(), k.sigmoid().numpy()


def train_classifier(images: np.ndarray, vendor, category, subcategory, keywords, cfg: ClassifierConfig,
                     steps: int, seed: int = 0, log=print, flip: float = 0.0) -> AttributeClassifier:
    """flip: the share of each batch mirrored left-right (0 for the oracle: its recipe is fixed;
    probes try more)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = AttributeClassifier(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    x_all = torch.from_numpy(images)
    lab = [torch.from_numpy(np.asarray(a)) for a in (vendor, category, subcategory)]
    kw = torch.from_numpy(keywords.astype(np.float32))
    model.train()
    for step in range(steps):
        for grp in opt.param_groups:
            grp["lr"] = 2e-3 * 0.5 * (1 + np.cos(np.pi * step / steps))
        idx = torch.from_numpy(rng.integers(0, len(x_all), 128))
        x = x_all[idx]
        x = x + 0.02 * torch.randn_like(x)  # decoded pictures are a little noisy
        if flip > 0:
            mirror = torch.from_numpy(rng.random(len(x)) < flip)
            x = torch.where(mirror[:, None, None, None], x.flip(-1), x)
        v, c, s, k = model.split(model(x))
        loss = (F.cross_entropy(v, lab[0][idx]) + F.cross_entropy(c, lab[1][idx]) + F.cross_entropy(s, lab[2][idx])
                + F.binary_cross_entropy_with_logits(k, kw[idx]) * 5)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if (step + 1) % 200 == 0:
            log(f"classifier step {step + 1} loss {loss.item():.3f}")
    return model.eval()
