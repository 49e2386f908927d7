"""10-nearest-neighbour accuracy of the shipped catalog embeddings in three spaces: raw (what
the model card's metric uses, export_autoencoder.py), normalised per dimension (what the prior
samples in and the page's nearest-item search uses: manifest.autoencoder.normalization), and
cosine. Held-out catalog items against the training side of the same split
(catalog_data.is_held_out); both vendors' drawings of an emoji are on one side.

    /usr/bin/python3 models/probe_knn_spaces.py [--models DIR]
"""
from __future__ import annotations

import argparse
import json
import os

import numpy as np

from catalog_data import is_held_out
from onnx_export import ROOT


def knn_accuracy(query: np.ndarray, q_labels: np.ndarray, ref: np.ndarray, r_labels: np.ndarray, k: int = 10) -> float:
    d = ((query[:, None, :] - ref[None, :, :]) ** 2).sum(-1)
    votes = r_labels[np.argsort(d, axis=1)[:, :k]]
    return float((np.array([np.bincount(v).argmax() for v in votes]) == q_labels).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default=os.path.join(ROOT, "public", "models"))
    args = ap.parse_args()
    items = json.load(open(os.path.join(ROOT, "public", "catalog", "catalog.json")))["items"]
    manifest = json.load(open(os.path.join(args.models, "manifest.json")))["autoencoder"]
    raw = np.fromfile(os.path.join(args.models, manifest["catalogEmbeddings"]["file"]), dtype="<f2").astype(np.float32)
    raw = raw.reshape(len(items), manifest["embeddingDim"])
    mean = np.array(manifest["normalization"]["mean"], np.float32)
    std = np.array(manifest["normalization"]["std"], np.float32)
    held = np.array([is_held_out(i["id"].split(":", 1)[1]) for i in items])
    spaces = {"raw": raw, "normalised": (raw - mean) / std, "cosine": raw / np.linalg.norm(raw, axis=1, keepdims=True)}
    print(f"{held.sum()} held-out items against {(~held).sum()} training items, k = 10")
    for key in ("category", "subcategory"):
        names = sorted({i[key] for i in items})
        labels = np.array([names.index(i[key]) for i in items])
        row = {name: knn_accuracy(e[held], labels[held], e[~held], labels[~held]) for name, e in spaces.items()}
        print(f"{key:12s} " + "  ".join(f"{name} {100 * acc:.1f}%" for name, acc in row.items()))


if __name__ == "__main__":
    main()
