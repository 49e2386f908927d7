"""Image autoencoder: its latent is the embedding space, its decoder is the image decoder.

A spatial 8x8x8 latent flattened to a 512-d embedding (until 2026-12-07: 4x4x16, 256-d; the finer
grid is what took held-out PSNR past 22 dB, models/README.md). Category and subcategory heads on the
embedding organise it by meaning so that tastes are smooth in it. Upsample + Conv instead of
ConvTranspose (~4x faster on this CPU), and pixel (un)shuffle at full resolution: convolutions
at 64x64 took two thirds of the training time here.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F

from half_weights import round_to_half


@dataclass
class AutoencoderConfig:
    latent_channels: int = 8  # embedding = latent_channels * latent_size ** 2
    latent_size: int = 8  # 8 (shipped) or 4: the coarser grid shipped until 2026-12-07
    widths: tuple = (48, 64, 96, 128)  # at 32, 32, 16, 8 px
    decoder_widths: tuple = (160, 128, 96, 64, 48)  # at S (the latent grid), 8, 16, 32, 32 px
    n_categories: int = 9
    n_subcategories: int = 98

    @property
    def embedding_dim(self) -> int:
        return self.latent_channels * self.latent_size**2


def smoke_config(**kw) -> AutoencoderConfig:
    return AutoencoderConfig(widths=(8, 8, 16, 16), decoder_widths=(16, 16, 8, 8, 8), **kw)


class ResBlock(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        h = F.silu(self.bn1(self.conv1(x)))
        return F.silu(x + self.bn2(self.conv2(h)))


def conv_bn(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1), nn.BatchNorm2d(cout), nn.SiLU())


class Encoder(nn.Module):
    def __init__(self, cfg: AutoencoderConfig):
        super().__init__()
        w = cfg.widths
        self.net = nn.Sequential(
            nn.PixelUnshuffle(2),  # (B, 16, 32, 32)
            conv_bn(16, w[0]),  # (B, w0, 32, 32)
            conv_bn(w[0], w[1]), ResBlock(w[1]),  # (B, w1, 32, 32)
            conv_bn(w[1], w[2], 2), ResBlock(w[2]),  # (B, w2, 16, 16)
            conv_bn(w[2], w[3], 2), ResBlock(w[3]),  # (B, w3, 8, 8)
            *([conv_bn(w[3], w[3], 2)] if cfg.latent_size == 4 else []),  # (B, w3, 4, 4)
            nn.Conv2d(w[3], cfg.latent_channels, 1),  # (B, L, S, S)
        )

    def forward(self, image):  # (B, 4, 64, 64) -> (B, L * S * S)
        return self.net(image).flatten(1)


class Decoder(nn.Module):
    def __init__(self, cfg: AutoencoderConfig):
        super().__init__()
        w = cfg.decoder_widths
        self.latent_channels, self.latent_size = cfg.latent_channels, cfg.latent_size
        layers = [conv_bn(cfg.latent_channels, w[0])]  # (B, w0, S, S)
        for i, (a, b) in enumerate(zip(w[:-2], w[1:-1])):
            # An 8x8 latent starts where a 4x4 one is after its first upsampling.
            up = [] if i == 0 and cfg.latent_size == 8 else [nn.Upsample(scale_factor=2, mode="nearest")]
            layers += [*up, conv_bn(a, b), ResBlock(b)]
        layers += [
            conv_bn(w[-2], w[-1]),  # (B, w4, 32, 32)
            nn.Conv2d(w[-1], 16, 3, padding=1),  # (B, 16, 32, 32)
            nn.PixelShuffle(2),  # (B, 4, 64, 64)
        ]
        self.net = nn.Sequential(*layers)

    def forward(self, embedding):  # (B, L * S * S) -> (B, 4, 64, 64) premultiplied RGBA
        x = embedding.view(-1, self.latent_channels, self.latent_size, self.latent_size)
        rgba = torch.sigmoid(self.net(x))
        # Premultiplied colour can never exceed alpha.
        return torch.cat([torch.minimum(rgba[:, :3], rgba[:, 3:]), rgba[:, 3:]], 1)


class Autoencoder(nn.Module):
    def __init__(self, cfg: AutoencoderConfig):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        self.category_head = nn.Linear(cfg.embedding_dim, cfg.n_categories)
        self.subcategory_head = nn.Linear(cfg.embedding_dim, cfg.n_subcategories)

    def forward(self, image):
        z = self.encoder(image)
        return z, self.decoder(z)


def save_checkpoint(path: str, model: Autoencoder, extra: dict) -> None:
    state = model.state_dict()
    for k in state:  # CPU tensors: a checkpoint written on a GPU loads anywhere
        state[k] = state[k].cpu()
    torch.save({"config": asdict(model.cfg), "state": state, **extra}, path)


def load_checkpoint(path: str, shipped: bool = True) -> tuple[Autoencoder, dict]:
    """shipped: weights rounded to float16 precision, as the ONNX files store them (see
    half_weights.py). Training resumes with shipped=False."""
    ck = torch.load(path, map_location="cpu")
    cfg = AutoencoderConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in ck["config"].items()})
    model = Autoencoder(cfg)
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["state"].items()})
    model.eval()
    if shipped:
        fold_batch_norms(model)
        round_to_half(model)
    return model, ck


@torch.no_grad()
def fold_batch_norms(module: nn.Module) -> None:
    """Folds each eval-mode BatchNorm into the conv before it (the BN becomes Identity), in
    place. The ONNX exporter folds them anyway; doing it here first means the weights that get
    rounded to float16 are the very ones the ONNX file holds."""
    from torch.nn.utils.fusion import fuse_conv_bn_eval

    for m in module.modules():
        if isinstance(m, ResBlock):
            m.conv1, m.bn1 = fuse_conv_bn_eval(m.conv1, m.bn1), nn.Identity()
            m.conv2, m.bn2 = fuse_conv_bn_eval(m.conv2, m.bn2), nn.Identity()
        elif isinstance(m, nn.Sequential):
            for i in range(len(m) - 1):
                if isinstance(m[i], nn.Conv2d) and isinstance(m[i + 1], nn.BatchNorm2d):
                    m[i], m[i + 1] = fuse_conv_bn_eval(m[i], m[i + 1]), nn.Identity()
