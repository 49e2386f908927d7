"""The personalized diffusion prior over (normalised) image embeddings, in two networks.

UserEncoder: a visitor's rating set -> K user tokens. Runs once per generation, so the cost of
  100 ratings is paid once, not at every sampler step. Set-based: order does not matter.
Denoiser: (x_t, t, user tokens, rating token) -> predicted x0 (directly, or from a v prediction:
  PriorConfig.prediction). REBECA's design: the embedding is cut into tokens (cut_tokens: 16 here);
  timestep and rating condition every block through AdaLN-Zero; the user tokens (and the
  timestep/rating token) are read by cross-attention.
The schedule and sampler are not here (networks only): see diffusion.py and the manifest.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from diffusion import cosine_alpha_bar
from half_weights import round_to_half

RATING_NULL, RATING_LIKE, RATING_DISLIKE = 0, 1, 2


@dataclass
class PriorConfig:
    embedding_dim: int = 512
    n_tokens: int = 16  # REBECA cuts into 32; 16 halves the step cost on this CPU
    width: int = 128
    depth: int = 4
    heads: int = 4
    user_tokens: int = 8
    user_layers: int = 2
    max_ratings: int = 100
    # Taste anchors: the masked means of the liked and of the disliked embeddings, cut into the
    # denoiser's 16 pieces and added to its input tokens (see UserEncoder.anchors). False for the
    # checkpoints trained before them (prior4): load_prior reads a missing key as False.
    anchors: bool = True
    # What the network's last layer predicts: "x0" (shipped), or "v" (Salimans & Ho 2022, tried
    # 2026-12-04, train_prior.py --prediction v), turned into x0 inside the forward pass so the
    # exported graph outputs x0 either way. Why v was tried: predicting x0, the denoiser had not
    # learnt the identity near the data (an input 0.10 off a catalog item at t = 0 came out 1.31
    # off). With v it does (0.10), but samples still end where the mid-noise guess sends them and
    # the like-rate fell: models/README.md. load_prior reads a missing key as "x0".
    prediction: str = "x0"
    # How the embedding is cut into the n_tokens pieces the denoiser (and the anchors) read.
    # 0 (shipped): contiguous runs of the (C, H, W)-flattened latent, each token half of one
    # channel's 8x8 map. C > 0: the latent has C channels and each token is one square spatial patch
    # of all of them (2x2 x 8 = 32 numbers), the usual patching of a spatial latent (DiT). Tried
    # 2026-12-08 (train_prior.py --patch-channels 8), not shipped: lower training loss and more
    # diverse batches, but no better like-rate (models/README.md, "Patch tokens").
    patch_channels: int = 0

    @property
    def output_tokens(self) -> int:
        """Tokens the user encoder emits: K pooled tokens, then T like-anchor and T dislike-anchor
        tokens when anchors are on. The page passes them through untouched (manifest userTokens)."""
        return self.user_tokens + (2 * self.n_tokens if self.anchors else 0)


def cut_tokens(x: torch.Tensor, cfg: PriorConfig) -> torch.Tensor:
    """(B, D) embedding -> (B, T, D / T) pieces, as PriorConfig.patch_channels says."""
    t, piece = cfg.n_tokens, cfg.embedding_dim // cfg.n_tokens
    if not cfg.patch_channels:
        return x.reshape(-1, t, piece)
    c, size, p, g = _patch_geometry(cfg)
    return x.reshape(-1, c, g, p, g, p).permute(0, 2, 4, 1, 3, 5).reshape(-1, t, piece)


def join_tokens(y: torch.Tensor, cfg: PriorConfig) -> torch.Tensor:
    """The inverse of cut_tokens: (B, T, D / T) -> (B, D) in the embedding's own order."""
    if not cfg.patch_channels:
        return y.reshape(-1, cfg.embedding_dim)
    c, size, p, g = _patch_geometry(cfg)
    return y.reshape(-1, g, g, c, p, p).permute(0, 3, 1, 4, 2, 5).reshape(-1, cfg.embedding_dim)


def _patch_geometry(cfg: PriorConfig) -> tuple[int, int, int, int]:
    """(channels, latent side, patch side, patches per side) for the patch cut; raises when the
    embedding is not a square C-channel latent cut into square patches."""
    c = cfg.patch_channels
    size = math.isqrt(cfg.embedding_dim // c)
    g = math.isqrt(cfg.n_tokens)
    p = size // max(g, 1)
    if c * size * size != cfg.embedding_dim or g * g != cfg.n_tokens or g * p != size:
        raise ValueError(f"no square patch cut of a {c}-channel {cfg.embedding_dim}-d latent into {cfg.n_tokens} tokens")
    return c, size, p, g


def check_token_cut(cfg: PriorConfig) -> None:
    """Raises unless join_tokens undoes cut_tokens and, for the patch cut, token k holds the k-th
    patch (row-major) of every channel: the anchors and the denoiser's input must mean the same
    place in the picture, and a wrong reshape order would still train, only worse."""
    x = torch.randn(2, cfg.embedding_dim)
    pieces = cut_tokens(x, cfg)
    assert torch.equal(join_tokens(pieces, cfg), x), "join_tokens does not undo cut_tokens"
    if cfg.patch_channels:
        c, size, p, g = _patch_geometry(cfg)
        latent = x.view(2, c, size, size)
        for k in range(cfg.n_tokens):
            y, z = divmod(k, g)
            patch = latent[:, :, y * p:(y + 1) * p, z * p:(z + 1) * p].reshape(2, -1)
            assert torch.equal(pieces[:, k], patch), f"token {k} is not patch ({y}, {z})"


def smoke_prior_config(embedding_dim: int, prediction: str = "x0") -> PriorConfig:
    return PriorConfig(embedding_dim=embedding_dim, width=32, depth=1, heads=2, user_tokens=2, user_layers=1,
                       prediction=prediction)


class Attention(nn.Module):
    """Plain matmul/softmax attention: exports to ONNX on opset 17 without surprises.

    length / ctx_length: how many query / context tokens it always sees (None: it varies, as a
    rating set does). Known lengths reshape with constant targets and -1 for the batch: reading
    sizes off the tensors exported each reshape as a Shape/Gather/Unsqueeze/Concat chain, a third
    of the denoiser's 842 nodes, and onnxruntime-web's session creation — on the cold path to
    the first image — grows with the node count (models/README.md, "Graph size")."""

    def __init__(self, width: int, heads: int, length: int, ctx_length: int | None):
        super().__init__()
        self.heads, self.width = heads, width
        self.length, self.ctx_length = length, ctx_length
        self.q = nn.Linear(width, width)
        self.kv = nn.Linear(width, 2 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x, ctx, bias=None):  # x (B, T, W), ctx (B, S, W), bias (B, 1, 1, S)
        h, w, t = self.heads, self.width, self.length
        d = w // h
        q = self.q(x).view(-1, t, h, d).transpose(1, 2).contiguous()  # (B, H, T, W/H)
        kv = self.kv(ctx)
        # A varying context length leaves the batch to be read off the tensor (one chain).
        kv = kv.view(-1, self.ctx_length, 2, h, d) if self.ctx_length is not None else kv.view(ctx.shape[0], -1, 2, h, d)
        kv = kv.permute(2, 0, 3, 1, 4).contiguous()  # (2, B, H, S, W/H)
        k, v = kv[0], kv[1]
        att = (q * (1 / math.sqrt(d))) @ k.transpose(-1, -2)  # (B, H, T, S)
        if bias is not None:
            att = att + bias
        y = att.softmax(-1) @ v  # (B, H, T, W/H)
        return self.out(y.transpose(1, 2).reshape(-1, t, w))


class UserEncoder(nn.Module):
    """Per-rating MLP, then K learned queries attend over the set (Perceiver-style pooling), then
    a small transformer over the K tokens. No attention among the N ratings: cost is linear in N
    (self-attention over 100 ratings made a training step ~10x slower on this CPU)."""

    def __init__(self, cfg: PriorConfig):
        super().__init__()
        w = cfg.width
        self.embed = nn.Sequential(nn.Linear(cfg.embedding_dim + 1, 2 * w), nn.SiLU(), nn.Linear(2 * w, w))
        self.null = nn.Parameter(torch.zeros(1, 1, w))  # always present: an empty set is valid
        self.queries = nn.Parameter(torch.randn(1, cfg.user_tokens, w) * 0.02)
        self.pool = Attention(w, cfg.heads, cfg.user_tokens, None)  # over the ratings
        self.layers = nn.ModuleList([nn.ModuleDict(dict(
            norm1=nn.LayerNorm(w), att=Attention(w, cfg.heads, cfg.user_tokens, cfg.user_tokens), norm2=nn.LayerNorm(w),
            mlp=nn.Sequential(nn.Linear(w, 4 * w), nn.SiLU(), nn.Linear(4 * w, w)))) for _ in range(cfg.user_layers)])
        self.norm_out = nn.LayerNorm(w)
        self.cfg = cfg
        if cfg.anchors:
            self.piece = cfg.embedding_dim // cfg.n_tokens
            self.like_in = nn.Linear(self.piece, w)
            self.dislike_in = nn.Linear(self.piece, w)
            # How many ratings stand behind a mean: one like is a weak anchor, twenty a strong one.
            self.like_count = nn.Parameter(torch.zeros(1, 1, w))
            self.dislike_count = nn.Parameter(torch.zeros(1, 1, w))

    def anchors(self, embeddings, ratings):
        """The liked-mean and disliked-mean, as T tokens each (B, T, W). Why: the pooled tokens
        alone left the taste to be rediscovered through attention, and three priors trained that
        way ignored it (models/README.md) while the liked-mean by itself follows every probe
        profile. Added position by position to the denoiser's input, the mean is a path the
        denoiser cannot miss. An empty side gives zeros, so the unconditional pass stays so."""
        like = (ratings > 0).float()
        dislike = (ratings < 0).float()
        n_like = like.sum(1, keepdim=True)  # (B, 1)
        n_dislike = dislike.sum(1, keepdim=True)
        like_mean = (embeddings * like[..., None]).sum(1) / n_like.clamp(min=1)  # (B, D)
        dislike_mean = (embeddings * dislike[..., None]).sum(1) / n_dislike.clamp(min=1)
        like_tok = self.like_in(cut_tokens(like_mean, self.cfg)) + self.like_count * torch.log1p(n_like)[:, :, None]
        dislike_tok = self.dislike_in(cut_tokens(dislike_mean, self.cfg)) + self.dislike_count * torch.log1p(n_dislike)[:, :, None]
        # Zero, not the bias, when a side is empty.
        return like_tok * (n_like > 0).float()[:, :, None], dislike_tok * (n_dislike > 0).float()[:, :, None]

    def forward(self, embeddings, ratings):
        """embeddings (B, N, D) normalised; ratings (B, N): +1 like, -1 dislike, 0 padding.
        Returns user tokens (B, cfg.output_tokens, W): K pooled, then the anchors if any."""
        h = self.embed(torch.cat([embeddings, ratings.unsqueeze(-1)], -1))  # (B, N, W)
        # Broadcast against zeros rather than expand(batch): the same values, no shape chain.
        zeros = torch.zeros_like(h[:, :1, :1])  # (B, 1, 1)
        h = torch.cat([self.null + zeros, h], 1)  # (B, N+1, W)
        present = torch.cat([torch.ones_like(ratings[:, :1]), ratings.abs()], 1)  # (B, N+1)
        bias = ((present - 1) * 1e4)[:, None, None, :]  # (B, 1, 1, N+1): -1e4 on padding
        queries = self.queries + zeros
        x = queries + self.pool(queries, h, bias)  # (B, K, W)
        for layer in self.layers:
            y = layer["norm1"](x)
            x = x + layer["att"](y, y)
            x = x + layer["mlp"](layer["norm2"](x))
        x = self.norm_out(x)  # (B, K, W)
        if not self.cfg.anchors:
            return x
        like_tok, dislike_tok = self.anchors(embeddings, ratings)
        return torch.cat([x, like_tok, dislike_tok], 1)  # (B, K + 2T, W)


# 2π in three float32 parts (Cody–Waite): the first two have 16 significant bits, so k · part is
# exact in float32 for any k a timestep gives (|k| ≤ 160) and the reduction loses nothing.
TWO_PI_PARTS = (6.2830810546875, 1.0425224900245667e-04, 2.430837753308879e-10)
# Taylor coefficients of sin(r)/r and cos(r) in r², to r¹⁷ and r¹⁸: under 4e-8 of the series'
# truncation on [−π, π], ~4e-7 with float32 rounding.
SIN_OVER_R = tuple((-1) ** k / math.factorial(2 * k + 1) for k in range(9))
COS = tuple((-1) ** k / math.factorial(2 * k) for k in range(10))


def _polynomial(coeffs: tuple[float, ...], x):  # Horner: coeffs[0] + coeffs[1] x + ...
    acc = x * coeffs[-1] + coeffs[-2]
    for c in reversed(coeffs[:-2]):
        acc = acc * x + c
    return acc


def timestep_embedding(t, width: int):  # t (B,) float in [0, 1000) -> (B, W)
    """Sinusoidal embedding of the timestep: cos and sin of t · freqs, computed with multiplies
    and adds only. Why: GPU sin/cos are loose — WGSL promises 2^-11 absolute, and SwiftShader's
    WebGPU was 1.9e-4 off at every argument, which the blocks carried to x0 at 1.3e-4 from
    PyTorch (models/README.md, "WebGPU parity: no GPU sin/cos"). The arguments are reduced to
    [−π, π] by multiples of 2π and a Taylor polynomial does the rest: 3.7e-7 from exact on WASM
    and on WebGPU alike, and the same function as the plain cos/sin the weights were trained
    with (to 5e-7)."""
    half = width // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
    args = t[:, None] * freqs[None]  # (B, W/2), up to ~1000
    k = torch.floor(args * (1 / (2 * math.pi)) + 0.5)
    c1, c2, c3 = TWO_PI_PARTS
    r = ((args - k * c1) - k * c2) - k * c3  # in [−π, π]: exact, exact, rounded once
    r2 = r * r
    return torch.cat([_polynomial(COS, r2), r * _polynomial(SIN_OVER_R, r2)], -1)


class Block(nn.Module):
    def __init__(self, w: int, heads: int, tokens: int, ctx_tokens: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(w)
        self.self_att = Attention(w, heads, tokens, tokens)
        self.norm2 = nn.LayerNorm(w)
        self.cross_att = Attention(w, heads, tokens, ctx_tokens)
        self.norm3 = nn.LayerNorm(w)
        self.mlp = nn.Sequential(nn.Linear(w, 4 * w), nn.SiLU(), nn.Linear(4 * w, w))
        self.ada = nn.Linear(w, 6 * w)  # AdaLN-Zero: shift, scale, gate for attention and MLP
        nn.init.zeros_(self.ada.weight)
        nn.init.zeros_(self.ada.bias)

    def forward(self, x, c, ctx):  # x (B, T, W), c (B, W), ctx (B, S, W)
        s1, g1, a1, s2, g2, a2 = self.ada(F.silu(c))[:, None].chunk(6, -1)
        h = self.norm1(x) * (1 + g1) + s1
        x = x + a1 * self.self_att(h, h)
        x = x + self.cross_att(self.norm2(x), ctx)
        h = self.norm3(x) * (1 + g2) + s2
        return x + a2 * self.mlp(h)


class Denoiser(nn.Module):
    def __init__(self, cfg: PriorConfig):
        super().__init__()
        w, self.cfg = cfg.width, cfg
        self.piece = cfg.embedding_dim // cfg.n_tokens
        self.inp = nn.Linear(self.piece, w)
        self.pos = nn.Parameter(torch.randn(1, cfg.n_tokens, w) * 0.02)
        self.time = nn.Sequential(nn.Linear(w, w), nn.SiLU(), nn.Linear(w, w))
        self.rating = nn.Embedding(3, w)  # null / like / dislike
        # The pooled user also conditions every block through AdaLN: cross-attention alone was
        # too weak a path (the first prior ignored its ratings).
        self.user = nn.Linear(w, w)
        # Context: the K pooled user tokens and the timestep/rating token.
        self.blocks = nn.ModuleList([Block(w, cfg.heads, cfg.n_tokens, cfg.user_tokens + 1) for _ in range(cfg.depth)])
        self.norm_out = nn.LayerNorm(w)
        self.out = nn.Linear(w, self.piece)
        # Which anchor each rating token reads (rows: null, like, dislike), looked up rather than
        # computed as `rating == k`: onnxruntime-web's WebGPU Equal on int64 compared the wrong
        # elements (Equal([1, 2], 2) gave [1, 0]), so dislike passes read the like anchor there.
        gate = torch.zeros(3, 2)
        gate[RATING_LIKE, 0] = gate[RATING_DISLIKE, 1] = 1.0
        self.register_buffer("anchor_gate", gate, persistent=False)

    def forward(self, x_t, t, user_tokens, rating):
        """x_t (B, D), t (B,) float timestep, user_tokens (B, K, W), rating (B,) int64 -> x0 (B, D)."""
        k, t_n = self.cfg.user_tokens, self.cfg.n_tokens
        x = self.inp(cut_tokens(x_t, self.cfg)) + self.pos  # (B, T, W)
        if self.cfg.anchors:
            # The anchor of the side asked for: liked-mean for "like", disliked-mean for
            # "dislike", none for the null token (the unconditional pass).
            gate = self.anchor_gate[rating][:, :, None, None]  # (B, 2, 1, 1): like, dislike
            x = x + gate[:, 0] * user_tokens[:, k:k + t_n] + gate[:, 1] * user_tokens[:, k + t_n:k + 2 * t_n]
            user_tokens = user_tokens[:, :k]
        c = self.time(timestep_embedding(t, self.cfg.width)) + self.rating(rating) + self.user(user_tokens.mean(1))  # (B, W)
        ctx = torch.cat([user_tokens, c[:, None]], 1)  # (B, K+1, W)
        for blk in self.blocks:
            x = blk(x, c, ctx)
        out = join_tokens(self.out(self.norm_out(x)), self.cfg)  # (B, D)
        if self.cfg.prediction == "x0":
            return out
        # v = sqrt(a) eps - sqrt(1 - a) x0, so x0 = sqrt(a) x_t - sqrt(1 - a) v: near the data
        # (a -> 1) the input passes through and the network only corrects it.
        a = cosine_alpha_bar(t)[:, None]
        return a.sqrt() * x_t - (1 - a).clamp(min=0).sqrt() * out


class TasteHead(nn.Module):
    """Training only (not exported): reads P(like) of any item off the user tokens. Its loss
    gives the user encoder a dense signal (hundreds of items per user per step) where the
    diffusion loss gives one target item; without it the first prior learned to ignore ratings."""

    def __init__(self, cfg: PriorConfig):
        super().__init__()
        self.k = cfg.user_tokens
        self.user = nn.Sequential(nn.Linear(cfg.width, cfg.width), nn.SiLU(), nn.Linear(cfg.width, cfg.width + 1))
        self.item = nn.Sequential(nn.Linear(cfg.embedding_dim, cfg.width), nn.SiLU(), nn.Linear(cfg.width, cfg.width))

    def forward(self, user_tokens, items):  # (B, K(+2T), W), (B, M, D) -> logits (B, M)
        # The pooled tokens only, not the anchors. (B, W + 1): direction and bias.
        u = self.user(user_tokens[:, :self.k].mean(1))
        return (self.item(items) @ u[:, :-1, None])[..., 0] / math.sqrt(u.shape[-1]) + u[:, -1:]


class Prior(nn.Module):
    def __init__(self, cfg: PriorConfig):
        super().__init__()
        self.cfg = cfg
        self.user_encoder = UserEncoder(cfg)
        self.denoiser = Denoiser(cfg)
        self.taste = TasteHead(cfg)


def save_prior(path: str, model: Prior, extra: dict) -> None:
    torch.save({"config": asdict(model.cfg), "state": model.state_dict(), **extra}, path)


def load_prior(path: str, shipped: bool = True) -> tuple[Prior, dict]:
    """shipped: weights rounded to float16 precision, as the ONNX files store them, so every
    PyTorch consumer (export fixtures, evaluation, the CLI's reference) runs the shipped network.
    Training resumes with shipped=False."""
    ck = torch.load(path, map_location="cpu")
    model = Prior(PriorConfig(**{"anchors": False, "prediction": "x0", **ck["config"]}))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["state"].items()})
    if shipped:
        round_to_half(model)
    return model.eval(), ck

