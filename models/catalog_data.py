"""Catalog images and labels for training: the committed atlases plus skin-tone variants.

Images are premultiplied RGBA in [0, 1], shape (N, 4, 64, 64). The held-out split is by emoji
(`unified` code), so both vendors' drawings of one emoji fall on the same side.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG_DIR = os.path.join(ROOT, "public", "catalog")
TILE = 64


def premultiply(rgba: np.ndarray) -> np.ndarray:
    """uint8 (..., H, W, 4) -> float32 (..., 4, H, W) premultiplied in [0, 1]."""
    x = rgba.astype(np.float32) / 255.0
    x[..., :3] *= x[..., 3:4]
    return np.moveaxis(x, -1, -3).copy()


def is_held_out(unified: str, share: float = 0.1) -> bool:
    """Deterministic split by emoji: a hash, so it does not shift when the catalog grows."""
    h = int(hashlib.sha256(unified.encode()).hexdigest()[:8], 16)
    return (h % 1000) < share * 1000


@dataclass
class Catalog:
    items: list  # catalog.json items, in catalog order
    images: np.ndarray  # (N, 4, 64, 64) float32 premultiplied
    category: np.ndarray  # (N,) int
    subcategory: np.ndarray  # (N,) int
    vendor: np.ndarray  # (N,) int, 0 google / 1 twitter
    held_out: np.ndarray  # (N,) bool
    categories: list
    subcategories: list


def load_catalog() -> Catalog:
    with open(os.path.join(CATALOG_DIR, "catalog.json")) as f:
        cat = json.load(f)
    atlases = [np.asarray(Image.open(os.path.join(CATALOG_DIR, a["file"])).convert("RGBA")) for a in cat["atlases"]]
    images = np.zeros((len(cat["items"]), TILE, TILE, 4), np.uint8)
    for n, it in enumerate(cat["items"]):
        a = cat["atlases"][it["atlas"]]
        x0 = (it["index"] % a["columns"]) * TILE
        y0 = (it["index"] // a["columns"]) * TILE
        images[n] = atlases[it["atlas"]][y0 : y0 + TILE, x0 : x0 + TILE]
    categories = sorted({it["category"] for it in cat["items"]})
    subcategories = sorted({it["subcategory"] for it in cat["items"]})
    return Catalog(
        items=cat["items"],
        images=premultiply(images),
        category=np.array([categories.index(it["category"]) for it in cat["items"]]),
        subcategory=np.array([subcategories.index(it["subcategory"]) for it in cat["items"]]),
        vendor=np.array([0 if it["vendor"] == "google" else 1 for it in cat["items"]]),
        held_out=np.array([is_held_out(it["id"].split(":")[1]) for it in cat["items"]]),
        categories=categories,
        subcategories=subcategories,
    )


def load_skin_variants(catalog: Catalog, limit: int | None = None):
    """Skin-tone variants of training emoji (never held-out ones), with their base item's labels.

    Read from the emoji npm packages in node_modules; returns empty arrays if they are absent.
    """
    path = os.path.join(ROOT, "node_modules", "emoji-datasource-google", "emoji.json")
    if not os.path.exists(path):
        return np.zeros((0, 4, TILE, TILE), np.float32), np.zeros(0, int)
    with open(path) as f:
        emoji = {e["unified"].lower(): e for e in json.load(f)}
    index = {it["id"]: n for n, it in enumerate(catalog.items)}
    pixels, base = [], []
    for n, it in enumerate(catalog.items):
        if catalog.held_out[n]:
            continue
        e = emoji.get(it["id"].split(":")[1])
        for var in sorted((e or {}).get("skin_variations", {}).values(), key=lambda v: v["unified"]):
            if not var.get(f"has_img_{it['vendor']}"):
                continue
            p = os.path.join(ROOT, "node_modules", f"emoji-datasource-{it['vendor']}", "img", it["vendor"], "64", var["image"])
            pixels.append(np.asarray(Image.open(p).convert("RGBA")))
            base.append(index[it["id"]])
            if limit and len(base) >= limit:
                break
    if not pixels:
        return np.zeros((0, 4, TILE, TILE), np.float32), np.zeros(0, int)
    return premultiply(np.stack(pixels)), np.array(base)
