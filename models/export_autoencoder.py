"""Export the trained autoencoder and measure it on held-out emoji.

Writes into --out (default public/models): decoder.onnx, catalog-embeddings.bin
(float16, catalog order) and the manifest's "autoencoder" section; parity fixtures and
encoder.onnx (which the page never loads) into --fixtures; held-out metrics JSON and a picture
for a person to judge into --report.

    /usr/bin/python3 models/export_autoencoder.py --checkpoint models/runs/ae/checkpoint.pt
    ... --metrics-only --report D [--device cuda]     the held-out metrics JSON alone, into D
"""
from __future__ import annotations

import argparse
import json
import os

import numpy as np
import torch
from PIL import Image

from autoencoder import load_checkpoint
from catalog_data import load_catalog
from onnx_export import ROOT, export_onnx, update_manifest, write_fixture
from subpixel_upsampling import subpixel_upsampling


def psnr(mse: float) -> float:
    return float(-10 * np.log10(mse))


def gradient_magnitude(x: np.ndarray) -> float:
    """Mean |d/dx| + |d/dy| over all channels: the sharpness measure of the model card."""
    return float(np.abs(np.diff(x, axis=-1)).mean() + np.abs(np.diff(x, axis=-2)).mean())


def nearest(query: np.ndarray, ref: np.ndarray, k: int = 10) -> np.ndarray:
    """Indices of each query row's k nearest ref rows, 64 queries at a time: the same distances
    as all at once, without a 1.2 GB temporary."""
    out = []
    for i in range(0, len(query), 64):
        d = ((query[i : i + 64, None, :] - ref[None, :, :]) ** 2).sum(-1)
        out.append(np.argsort(d, axis=1)[:, :k])
    return np.concatenate(out)


def knn_accuracy(query: np.ndarray, q_labels: np.ndarray, ref: np.ndarray, r_labels: np.ndarray, k: int = 10,
                 nn: np.ndarray | None = None) -> float:
    """nn: nearest(query, ref, k) when already computed for other labels."""
    votes = r_labels[nearest(query, ref, k) if nn is None else nn]
    pred = np.array([np.bincount(v).argmax() for v in votes])
    return float((pred == q_labels).mean())


def encode_all(encoder, images: torch.Tensor) -> np.ndarray:
    """Embeddings of (N, 4, 64, 64) images, in batches of 256 (on the images' device)."""
    return torch.cat([encoder(images[i : i + 256]) for i in range(0, len(images), 256)]).cpu().numpy()


def to_rgb_on_white(x: np.ndarray) -> np.ndarray:  # (4, H, W) premultiplied -> (H, W, 3) uint8
    rgb = x[:3] + (1 - x[3:4])
    return (np.clip(rgb, 0, 1).transpose(1, 2, 0) * 255 + 0.5).astype(np.uint8)


def sheet(rows: list[np.ndarray]) -> Image.Image:
    """Rows of (N, 4, 64, 64) images into one picture, 2px gaps."""
    n = max(len(r) for r in rows)
    img = np.full((len(rows) * 66, n * 66, 3), 255, np.uint8)
    for i, r in enumerate(rows):
        for j, x in enumerate(r):
            img[i * 66 : i * 66 + 64, j * 66 : j * 66 + 64] = to_rgb_on_white(x)
    return Image.fromarray(img)


def median_nearest_distance(emb: np.ndarray, norm: dict) -> float:
    """Novelty's yardstick: the median distance from a catalog item to its nearest other item,
    on the float16 file and normalisation the page reads. Computed here once: the all-pairs pass
    took the page's worker 6-10 s at every model load."""
    z = torch.from_numpy((emb.astype("<f2").astype(np.float64) - np.array(norm["mean"])) / np.array(norm["std"]))
    nearest = []
    for i in range(0, len(z), 512):
        d = torch.cdist(z[i:i + 512], z)
        d[torch.arange(d.shape[0]), torch.arange(i, i + d.shape[0])] = float("inf")
        nearest.append(d.min(1).values)
    return round(float(np.median(torch.cat(nearest).numpy())), 6)


@torch.no_grad()
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default="models/runs/ae/checkpoint.pt")
    ap.add_argument("--out", default=os.path.join(ROOT, "public", "models"))
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "models", "fixtures"))
    ap.add_argument("--report", default=os.path.join(ROOT, "models", "report"))
    ap.add_argument("--device", default="cpu", help="where the metrics pass runs (the export itself stays on the CPU)")
    ap.add_argument("--metrics-only", action="store_true", help="held-out metrics JSON into --report; no ONNX, manifest, fixtures or picture")
    args = ap.parse_args()
    torch.set_num_threads(2)
    device = torch.device(args.device)
    if device.type == "cuda":  # full float32, as on the CPU: cuDNN convolutions default to TF32
        try:
            torch.backends.cuda.matmul.allow_tf32 = False
            torch.backends.cudnn.allow_tf32 = False
        except (AttributeError, RuntimeError) as e:
            print(f"TF32 flags not set, metrics may carry TF32 rounding: {e}")
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.report, exist_ok=True)
    os.makedirs(args.fixtures, exist_ok=True)
    model, ck = load_checkpoint(args.checkpoint)
    cfg = model.cfg
    cat = load_catalog()
    images = torch.from_numpy(cat.images)

    model.to(device)
    emb = encode_all(model.encoder, images.to(device))
    rec = np.concatenate([model.decoder(torch.from_numpy(emb[i : i + 256]).to(device)).cpu().numpy()
                          for i in range(0, len(emb), 256)])
    model.cpu()

    # --- held-out metrics -------------------------------------------------------------------
    ho, tr = cat.held_out, ~cat.held_out
    x, y = cat.images[ho], rec[ho]
    mse = ((x - y) ** 2).reshape(len(x), -1).mean(1)
    small = torch.nn.functional.avg_pool2d(images, 2).flatten(1).numpy()  # raw 32x32 pixels
    nn_emb, nn_raw = nearest(emb[ho], emb[tr]), nearest(small[ho], small[tr])  # each once for both label sets
    metrics = {
        "checkpoint_step": ck.get("step"),
        "held_out_items": int(ho.sum()),
        "train_items": int(tr.sum()),
        "psnr_db": psnr(mse.mean()),
        "psnr_db_mean_per_image": float(np.mean([psnr(m) for m in mse])),
        "psnr_db_train": psnr(((cat.images[tr] - rec[tr]) ** 2).mean()),
        "sharpness_ratio": gradient_magnitude(y) / gradient_magnitude(x),
        "knn10_category": knn_accuracy(emb[ho], cat.category[ho], emb[tr], cat.category[tr], nn=nn_emb),
        "knn10_subcategory": knn_accuracy(emb[ho], cat.subcategory[ho], emb[tr], cat.subcategory[tr], nn=nn_emb),
        "knn10_category_raw_pixels": knn_accuracy(small[ho], cat.category[ho], small[tr], cat.category[tr], nn=nn_raw),
        "knn10_subcategory_raw_pixels": knn_accuracy(small[ho], cat.subcategory[ho], small[tr], cat.subcategory[tr], nn=nn_raw),
        "decoder_parameters": sum(p.numel() for p in model.decoder.parameters()),
        "embedding_dim": cfg.embedding_dim,
    }
    if args.metrics_only:
        with open(os.path.join(args.report, "autoencoder-metrics.json"), "w") as f:
            json.dump(metrics, f, indent=1)
        print(json.dumps(metrics, indent=1))
        return

    # --- ONNX, embeddings, manifest -----------------------------------------------------------
    # The encoder goes beside the parity fixtures, not into the served folder: the page never
    # runs it, and everything in public/ is precached by the service worker (1.8 MB for nothing).
    dec_path, enc_path = os.path.join(args.out, "decoder.onnx"), os.path.join(args.fixtures, "encoder.onnx")
    rewritten = export_onnx(model.decoder, (torch.from_numpy(emb[:2]),), dec_path, ["embedding"], ["image"],
                            rewrite=subpixel_upsampling)
    # Every upsampling must have become a subpixel convolution: a graph that stops matching the
    # pattern would still pass parity, only slower (12% of the decoder's WASM time).
    upsamplings = sum(isinstance(m, torch.nn.Upsample) for m in model.decoder.modules())
    if rewritten != upsamplings:
        raise RuntimeError(f"{rewritten} of the decoder's {upsamplings} upsampling convolutions were rewritten")
    export_onnx(model.encoder, (images[:2],), enc_path, ["image"], ["embedding"])
    metrics["decoder_onnx_bytes"] = os.path.getsize(dec_path)
    emb.astype("<f2").tofile(os.path.join(args.out, "catalog-embeddings.bin"))
    mean, std = emb.mean(0), emb.std(0) + 1e-6
    norm = {"mean": [round(float(v), 6) for v in mean], "std": [round(float(v), 6) for v in std]}
    update_manifest(args.out, "autoencoder", {
        "embeddingDim": cfg.embedding_dim,
        "imageShape": [4, 64, 64],
        "imageLayout": "NCHW premultiplied RGBA in [0, 1]",
        "decoder": {"file": "decoder.onnx", "input": "embedding", "output": "image"},
        "encoder": {"file": "encoder.onnx", "input": "image", "output": "embedding"},
        "catalogEmbeddings": {"file": "catalog-embeddings.bin", "dtype": "float16", "count": len(emb),
                              "order": "catalog.json items",
                              "medianNearestDistance": median_nearest_distance(emb, norm)},
        # The prior works on (e - mean) / std; both sides read these numbers from here.
        "normalization": norm,
        "config": {k: list(v) if isinstance(v, tuple) else v for k, v in vars(cfg).items()},
    })
    rng = np.random.default_rng(0)
    z = np.stack([emb[0], mean + std * rng.standard_normal(len(mean))]).astype(np.float32)
    write_fixture(os.path.join(args.fixtures, "decoder.json"), "decoder.onnx", {"embedding": z},
                  {"image": model.decoder(torch.from_numpy(z)).numpy()})
    write_fixture(os.path.join(args.fixtures, "encoder.json"), "encoder.onnx", {"image": cat.images[:2]},
                  {"embedding": model.encoder(images[:2]).numpy()})

    # --- picture ------------------------------------------------------------------------------
    pick = np.flatnonzero(ho)[rng.choice(int(ho.sum()), 16, replace=False)]
    cov = np.cov(emb[tr].T)
    draws = rng.multivariate_normal(emb[tr].mean(0), cov, 16).astype(np.float32)
    rows = [cat.images[pick], rec[pick], model.decoder(torch.from_numpy(draws)).numpy()]
    for a, b in [(pick[0], pick[1]), (pick[2], pick[3])]:
        t = np.linspace(0, 1, 16, dtype=np.float32)[:, None]
        rows.append(model.decoder(torch.from_numpy((1 - t) * emb[a] + t * emb[b])).numpy())
    sheet(rows).save(os.path.join(args.report, "autoencoder-samples.png"))
    with open(os.path.join(args.report, "autoencoder-metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    print(json.dumps(metrics, indent=1))


if __name__ == "__main__":
    main()
