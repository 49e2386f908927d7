"""Shared export helpers: ONNX files, the manifest every consumer reads, parity fixtures."""
from __future__ import annotations

import base64
import json
import os

import numpy as np
import torch

from half_weights import store_half

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPSET = 17


def export_onnx(module: torch.nn.Module, args: tuple, path: str, inputs: list[str], outputs: list[str]) -> None:
    """Export with a dynamic batch axis on every input and output, weights stored as float16
    (the module's weights must already be rounded: see half_weights.py)."""
    module.eval()
    dynamic = {n: {0: "batch"} for n in inputs + outputs}
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True)
    store_half(path)


def update_manifest(out_dir: str, section: str, value: dict) -> None:
    """Each exporter owns one section of manifest.json; others are kept as they are."""
    path = os.path.join(out_dir, "manifest.json")
    manifest = {"format": "beyond-catalog.models", "version": 1}
    if os.path.exists(path):
        with open(path) as f:
            manifest = json.load(f)
    manifest[section] = value
    with open(path, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


def b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode()


def write_fixture(path: str, model: str, feeds: dict, expected: dict) -> None:
    """Inputs and PyTorch outputs, float32 little-endian base64, for the ONNX parity tests."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    enc = lambda d: {k: {"dims": list(v.shape), "data": b64(v)} for k, v in d.items()}
    with open(path, "w") as f:
        json.dump({"model": model, "feeds": enc(feeds), "expected": enc(expected)}, f)
