"""The synthetic user population shared by prior training and evaluation (deterministic)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

import numpy as np

from catalog_data import Catalog, load_catalog
from synthetic_users import colour_features, item_attributes, like_probability, observe, sample_tastes

# Validation users (seed 3) pick the guidance scale, so the held-out users only measure.
TRAIN_SEED, HELD_OUT_SEED, VALIDATION_SEED = 1, 2, 3


@dataclass
class Population:
    weights: np.ndarray  # (U, A) taste weights
    bias: np.ndarray  # (U,)
    p_like: np.ndarray  # (U, N) true P(like) over the catalog
    items: np.ndarray  # (U, 100) observed item sequence, -1 = none
    signs: np.ndarray  # (U, 100) +1 like / -1 dislike


@dataclass
class World:
    cat: Catalog
    colour: np.ndarray  # (N, 11) catalog colour features, the oracle's reference scale
    attrs: object  # ItemAttributes of the catalog
    embeddings: np.ndarray  # (N, D) raw catalog embeddings, float32
    mean: np.ndarray
    std: np.ndarray


def load_world(models_dir: str) -> World:
    cat = load_catalog()
    with open(os.path.join(models_dir, "manifest.json")) as f:
        ae = json.load(f)["autoencoder"]
    emb = np.fromfile(os.path.join(models_dir, ae["catalogEmbeddings"]["file"]), "<f2")
    emb = emb.reshape(ae["catalogEmbeddings"]["count"], ae["embeddingDim"]).astype(np.float32)
    colour = colour_features(cat.images)
    return World(cat=cat, colour=colour, attrs=item_attributes(cat, colour, colour), embeddings=emb,
                 mean=np.array(ae["normalization"]["mean"], np.float32),
                 std=np.array(ae["normalization"]["std"], np.float32))


def make_population(world: World, n_users: int, seed: int, skip_share: float = 0.0) -> Population:
    """skip_share: see synthetic_users.observe (training uses some skippers; evaluation none)."""
    rng = np.random.default_rng(seed)
    w, b = sample_tastes(world.attrs, n_users, rng)
    p = like_probability(w, b, world.attrs.matrix).astype(np.float32)
    items, signs = observe(world.cat, p, rng, skip_share=skip_share)
    return Population(weights=w, bias=b, p_like=p, items=items, signs=signs)
