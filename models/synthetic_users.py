"""Synthetic users: a documented taste model over item attributes, and how they rate.

Item attributes (see `item_attributes`): drawing style (vendor), category, subcategory, colour
measured from the pixels (dominant hue family, brightness, colourfulness) and name keywords.

Taste (see `sample_tastes`): each user cares about a few things. They *love* 1-3 attribute values
(e.g. "flags", "Twemoji style", "red things", "cat") and *hate* 0-2; each with a weight.
  score(item) = bias + sum(love weights of matching attributes) - sum(hate weights of matching)
  P(like | item) = sigmoid(score)
With bias ~ N(-2.6, 0.5) and weights ~ U(2.2, 3.8) this reproduces REBECA's simulation (like
probability ~0.07 with no match, ~0.6 with one, ~0.95 with two) but over many attribute kinds,
with continuous colour tastes, users who hate things, and users who are generous or strict.

Ratings (see `observe`): the page shows items through a seeded, category-mixing deck and a grid
browsed by category; a simulated visitor rates a deck stretch, and half of them also browse the
grid in the category they like most. Each rating is like with P(like | item), flipped with
probability 0.05 (careless taps). 5-100 ratings per user.
"""
from __future__ import annotations

import colorsys
from dataclasses import dataclass

import numpy as np

HUE_FAMILIES = ["red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink"]
MIN_KEYWORD_ITEMS = 16


@dataclass
class ItemAttributes:
    """One-hot / multi-hot attribute matrix over items, with named columns."""

    matrix: np.ndarray  # (N_items, N_attr) float32 in [0, 1]
    names: list  # column names like "category:Flags", "hue:red", "bright", "keyword:cat"
    kinds: list  # the kind of each column: vendor, category, subcategory, hue, tone, keyword


def colour_features(images: np.ndarray) -> np.ndarray:
    """Alpha-weighted colour of premultiplied RGBA images (N, 4, H, W) -> (N, 8 + 3):
    hue-family shares among saturated pixels, then brightness, colourfulness, greyness."""
    a = images[:, 3]  # (N, H, W)
    w = a / np.maximum(a.sum((1, 2), keepdims=True), 1e-6)
    rgb = images[:, :3] / np.maximum(a[:, None], 1e-6)  # straight colour
    mx, mn = rgb.max(1), rgb.min(1)
    sat = np.where(mx > 0, (mx - mn) / np.maximum(mx, 1e-6), 0)
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    # Hue in [0, 1) computed vectorised (the same formula as colorsys.rgb_to_hsv).
    d = np.maximum(mx - mn, 1e-6)
    h = np.where(mx == r, ((g - b) / d) % 6, np.where(mx == g, (b - r) / d + 2, (r - g) / d + 4)) / 6
    fam = np.floor(((h + 1 / 16) % 1) * 8).astype(int)  # 8 families, red centred on 0
    colourful_px = (sat > 0.35) & (mx > 0.2)
    shares = np.stack([((fam == k) & colourful_px) * w for k in range(8)], 1).sum((2, 3))
    brightness = (mx * w).sum((1, 2))
    rg, yb = r - g, 0.5 * (r + g) - b  # Hasler & Suesstrunk colourfulness
    colourfulness = np.sqrt(((rg - (rg * w).sum((1, 2), keepdims=True)) ** 2 * w).sum((1, 2)) +
                            ((yb - (yb * w).sum((1, 2), keepdims=True)) ** 2 * w).sum((1, 2)))
    colourfulness += 0.3 * np.sqrt((rg * w).sum((1, 2)) ** 2 + (yb * w).sum((1, 2)) ** 2)
    grey = 1 - (colourful_px * w).sum((1, 2))
    return np.concatenate([shares, np.stack([brightness, colourfulness, grey], 1)], 1).astype(np.float32)


def tone_columns(colour: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Continuous tastes as soft [0, 1] matches, scaled by the catalog's own quantiles so that the
    same thresholds apply to decoded images: hue share, bright, dark, colourful, muted."""
    q = lambda c, p: np.quantile(reference[:, c], p)
    soft = lambda v, lo, hi: np.clip((v - lo) / max(hi - lo, 1e-6), 0, 1)
    hue = np.clip(colour[:, :8] / 0.35, 0, 1)
    bright = soft(colour[:, 8], q(8, 0.5), q(8, 0.85))
    dark = soft(-colour[:, 8], -q(8, 0.5), -q(8, 0.15))
    colourful = soft(colour[:, 9], q(9, 0.5), q(9, 0.85))
    muted = soft(colour[:, 10], q(10, 0.5), q(10, 0.85))
    return np.concatenate([hue, np.stack([bright, dark, colourful, muted], 1)], 1)


def keyword_vocabulary(items: list) -> list:
    counts: dict = {}
    for it in items:
        if it["vendor"] == "google":
            for k in it["keywords"]:
                counts[k] = counts.get(k, 0) + 1
    return sorted(k for k, c in counts.items() if c >= MIN_KEYWORD_ITEMS)


def item_attributes(cat, colour: np.ndarray, reference_colour: np.ndarray,
                    vendor=None, category=None, subcategory=None, keywords=None) -> ItemAttributes:
    """The attribute matrix. Labels default to the catalog's; the oracle passes labels a
    classifier predicted from decoded images (probabilities are fine: matches are soft)."""
    n = len(colour)
    vocab = keyword_vocabulary(cat.items)
    if vendor is None:
        vendor = np.eye(2)[cat.vendor]
        category = np.eye(len(cat.categories))[cat.category]
        subcategory = np.eye(len(cat.subcategories))[cat.subcategory]
        keywords = np.array([[k in it["keywords"] for k in vocab] for it in cat.items], np.float32)
    tones = tone_columns(colour, reference_colour)
    cols = [vendor, category, subcategory, tones, keywords]
    names = (["vendor:google", "vendor:twitter"] + [f"category:{c}" for c in cat.categories]
             + [f"subcategory:{c}" for c in cat.subcategories] + [f"hue:{h}" for h in HUE_FAMILIES]
             + ["tone:bright", "tone:dark", "tone:colourful", "tone:muted"] + [f"keyword:{k}" for k in vocab])
    kinds = [nm.split(":")[0] for nm in names]
    kinds = ["hue" if k == "hue" else k for k in kinds]
    m = np.concatenate([np.asarray(c, np.float32).reshape(n, -1) for c in cols], 1)
    assert m.shape[1] == len(names)
    return ItemAttributes(matrix=m, names=names, kinds=kinds)


# How often each attribute kind is what a user cares about.
KIND_WEIGHTS = {"vendor": 0.10, "category": 0.22, "subcategory": 0.22, "hue": 0.16, "tone": 0.10, "keyword": 0.20}


# The taste prior's numbers (sample_tastes; probe_bayes_ceiling.py draws from the same prior).
LOVES = ([1, 2, 3], [0.45, 0.4, 0.15])  # how many attribute values a user loves, with probabilities
HATES = ([0, 1, 2], [0.4, 0.45, 0.15])
WEIGHT_RANGE = (2.2, 3.8)  # uniform
BIAS = (-2.6, 0.5)  # normal: mean, sd
MIN_TASTE_SUPPORT = 8  # only attribute values that enough catalog items have can be a taste
CARELESS_FLIP = 0.05  # a rating's chance of being the opposite tap (observe)


def taste_columns(attrs: ItemAttributes) -> tuple[list, np.ndarray, list]:
    """Kind names, their probabilities, and each kind's columns that can be a taste."""
    kinds = np.array(attrs.kinds)
    support = attrs.matrix.sum(0)
    kind_names = list(KIND_WEIGHTS)
    kind_p = np.array([KIND_WEIGHTS[k] for k in kind_names])
    return kind_names, kind_p, [np.flatnonzero((kinds == k) & (support >= MIN_TASTE_SUPPORT)) for k in kind_names]


def sample_tastes(attrs: ItemAttributes, n_users: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Returns (weights (U, N_attr), bias (U,)). Sparse: 1-3 loves, 0-2 hates per user."""
    kind_names, kind_p, cols_of = taste_columns(attrs)
    weights = np.zeros((n_users, len(attrs.names)), np.float32)
    for u in range(n_users):
        n_love = rng.choice(LOVES[0], p=LOVES[1])
        n_hate = rng.choice(HATES[0], p=HATES[1])
        for sign, count in [(1, n_love), (-1, n_hate)]:
            for _ in range(count):
                cols = cols_of[rng.choice(len(kind_names), p=kind_p)]
                weights[u, rng.choice(cols)] = sign * rng.uniform(*WEIGHT_RANGE)
    bias = rng.normal(*BIAS, n_users).astype(np.float32)
    return weights, bias


def like_probability(weights: np.ndarray, bias: np.ndarray, attr_matrix: np.ndarray) -> np.ndarray:
    """(U, A), (U,), (N, A) -> (U, N) P(like)."""
    return 1 / (1 + np.exp(-(weights @ attr_matrix.T + bias[:, None])))


def deck_order(cat, seed: int, limit: int = 200) -> np.ndarray:
    """A category- and vendor-mixing order, like the page's deck: round-robin over
    (category, vendor) queues, each queue shuffled. Only the first `limit` are made."""
    rng = np.random.default_rng(seed)
    queues = {}
    for n, it in enumerate(cat.items):
        queues.setdefault((it["category"], it["vendor"]), []).append(n)
    qs = [list(rng.permutation(q)) for _, q in sorted(queues.items())]
    order = []
    while any(qs) and len(order) < limit:
        for q in [qs[i] for i in rng.permutation(len(qs))]:
            if q:
                order.append(q.pop())
    return np.array(order)


def observe(cat, p_like: np.ndarray, rng: np.random.Generator, max_ratings: int = 100,
            min_ratings: int = 5, skip_share: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Rating sequences: (U, max_ratings) item index (-1 = none) and (U, max_ratings) +1/-1.

    Every user gets a full 100-long sequence; a training example or an evaluation "after k
    ratings" takes its first k. Sequences are a deck stretch, for half the users interleaved
    with grid browsing in their favourite category.

    skip_share: the share of users who press Skip on what they do not care about, as the page's
    deck allows, so their ratings are mostly likes (a dislike kept with p 0.15) — the visitor who
    likes a dozen flags and nothing else. Training uses it; the held-out users rate everything
    they see (0), so "after k ratings" means the same there as before."""
    n_users = len(p_like)
    items = np.full((n_users, max_ratings), -1)
    signs = np.zeros((n_users, max_ratings), np.int8)
    cat_of = cat.category
    for u in range(n_users):
        deck = deck_order(cat, int(rng.integers(1 << 30)))
        seq = list(deck[:max_ratings])
        if rng.random() < 0.5:
            cat_like = np.array([p_like[u, cat_of == c].mean() for c in range(len(cat.categories))])
            fav = rng.choice(len(cat_like), p=cat_like / cat_like.sum())
            grid = rng.permutation(np.flatnonzero(cat_of == fav))
            start = int(rng.integers(min_ratings, 40))
            n_grid = int(rng.integers(10, 40))
            seen = set(seq[:start])
            seq = seq[:start] + [g for g in grid if g not in seen][:n_grid] + seq[start:]
            # drop duplicates keeping first, then cut
            seen, out = set(), []
            for s in seq:
                if s not in seen:
                    seen.add(s)
                    out.append(s)
            seq = out
        skipper = skip_share > 0 and rng.random() < skip_share  # no draw at 0: same users as before
        if skipper:
            seq = np.array(seq + [d for d in deck[max_ratings:] if d not in set(seq)])
        else:
            seq = np.array(seq[:max_ratings])
        liked = rng.random(len(seq)) < p_like[u, seq]
        flip = rng.random(len(seq)) < CARELESS_FLIP
        sign = np.where(liked ^ flip, 1, -1)
        if skipper:
            keep = (sign > 0) | (rng.random(len(seq)) < 0.15)
            seq, sign = seq[keep][:max_ratings], sign[keep][:max_ratings]
        items[u, : len(seq)] = seq
        signs[u, : len(seq)] = sign
    return items, signs
