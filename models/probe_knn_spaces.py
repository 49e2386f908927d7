"""10-nearest-neighbour accuracy of the shipped catalog embeddings in three spaces: raw (what
the model card's metric uses, export_autoencoder.py), normalised per dimension (what the prior
samples in and the page's nearest-item search uses: manifest.autoencoder.normalization), and
cosine. Held-out catalog items against the training side of the same split
(catalog_data.is_held_out); both vendors' drawings of an emoji are on one side.

--classifier CACHE: for scale, the same 10-NN in the spaces of a classifier *trained on these labels*
(the evaluation's oracle classifier, evaluate_prior.py's recipe: the training items' originals and
reconstructions, 1,000 steps; trained and kept in CACHE when the file is missing): its pooled
features, its logits, its category + subcategory probabilities, and its own argmax accuracy. What an
embedding supervised for exactly these labels reaches on this split.

--classifier-steps N and --flip P train that classifier longer / with mirrored images (a new CACHE file),
to see whether the held-out categories are limited by the classifier or by the data.

    /usr/bin/python3 models/probe_knn_spaces.py [--models DIR] [--classifier /tmp/oracle-classifier.pt]
        [--classifier-steps 1000] [--flip 0]
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
    ap.add_argument("--classifier", help="also the oracle classifier's spaces (a cache file, trained when missing)")
    ap.add_argument("--classifier-steps", type=int, default=1000, help="when training it: steps (the oracle's: 1000)")
    ap.add_argument("--flip", type=float, default=0.0, help="when training it: share of each batch mirrored (the oracle's: 0)")
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
    if args.classifier:
        classifier_spaces(args, held)


def classifier_spaces(args, held: np.ndarray) -> None:
    import torch
    from probe_projection import judged_setup
    torch.set_num_threads(2)
    v = judged_setup(argparse.Namespace(models=args.models, ae=os.path.join(ROOT, "models", "weights", "autoencoder.pt"),
                                   prior=os.path.join(ROOT, "models", "weights", "prior.pt"), users=1, ratings=20,
                                   classifier_steps=args.classifier_steps, classifier_flip=args.flip,
                                   classifier_cache=args.classifier, validation=True))
    cat, clf = v.world.cat, v.judge.clf
    with torch.no_grad():
        x = torch.from_numpy(cat.images)
        feats = torch.cat([clf.features(torch.nn.functional.avg_pool2d(x[i:i + 256], 2)).flatten(1)
                           for i in range(0, len(x), 256)])
        logits = clf.head(feats)
    _, c, s, _ = clf.split(logits)
    assert (held == cat.held_out).all()
    spaces = {"features": feats.numpy(), "logits": logits.numpy(),
              "probabilities": torch.cat([c.softmax(1), s.softmax(1)], 1).numpy()}
    print(f"the oracle classifier ({args.classifier}), trained on the training items' labels:")
    for key, labels, scores in (("category", cat.category, c), ("subcategory", cat.subcategory, s)):
        row = {name: knn_accuracy(e[held], labels[held], e[~held], labels[~held]) for name, e in spaces.items()}
        own = float((scores.argmax(1).numpy()[held] == labels[held]).mean())
        print(f"{key:12s} " + "  ".join(f"10-NN {name} {100 * acc:.1f}%" for name, acc in row.items())
              + f"  its argmax {100 * own:.1f}%")


if __name__ == "__main__":
    main()
