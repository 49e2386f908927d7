"""Shared export helpers: ONNX files, the manifest every consumer reads, parity fixtures."""
from __future__ import annotations

import base64
import json
import os
from typing import Any, Callable

import numpy as np
import torch

from half_weights import store_half

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPSET = 17


def export_onnx(module: torch.nn.Module, args: tuple, path: str, inputs: list[str], outputs: list[str],
                rewrite: Callable[[Any], int] | None = None) -> int:
    """Export with a dynamic batch axis on every input and output, weights stored as float16
    (the module's weights must already be rounded: see half_weights.py). `rewrite` edits the
    exported graph in place (e.g. subpixel_upsampling.py) and says how many places it changed;
    that count is returned (0 without one)."""
    module.eval()
    dynamic = {n: {0: "batch"} for n in inputs + outputs}
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True)
    changed = 0
    if rewrite is not None:
        import onnx
        model = onnx.load(path)
        changed = rewrite(model)
        drop_unused_constants(model.graph)
        onnx.checker.check_model(model)
        onnx.save(model, path)
    refuse_int64_comparisons(path)
    store_half(path)
    return changed


def drop_unused_constants(graph) -> None:
    """Constant nodes nothing reads any more (left behind by a rewrite): onnxruntime warns about
    each one at every session creation."""
    used = {i for n in graph.node for i in n.input} | {o.name for o in graph.output}
    keep = [n for n in graph.node if n.op_type != "Constant" or n.output[0] in used]
    del graph.node[:]
    graph.node.extend(keep)


# onnxruntime-web's WebGPU backend compares int64 tensors wrongly: Equal([1, 2], 2) gave [1, 0]
# (SwiftShader, ORT 1.30), while WASM and PyTorch gave [0, 1]. Such a graph passes every
# Node/WASM parity test and breaks only in the page, so the export refuses it.
COMPARISONS = {"Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"}


def refuse_int64_comparisons(path: str) -> None:
    import onnx
    model = onnx.shape_inference.infer_shapes(onnx.load(path))
    g = model.graph
    types = {v.name: v.type.tensor_type.elem_type for v in [*g.input, *g.value_info, *g.output]}
    types.update({t.name: t.data_type for t in g.initializer})
    for n in g.node:
        if n.op_type == "Constant":
            types[n.output[0]] = n.attribute[0].t.data_type
    # Only comparisons of the inputs' values count: ones on tensor shapes (downstream of Shape)
    # stay on the CPU in every backend and compare correctly.
    from_data = {v.name for v in g.input}
    for n in g.node:  # nodes are in topological order
        if n.op_type != "Shape" and any(i in from_data for i in n.input):
            from_data.update(n.output)
    bad = [f"{n.op_type} {list(n.input)}" for n in g.node if n.op_type in COMPARISONS
           and any(i in from_data and types.get(i) == onnx.TensorProto.INT64 for i in n.input)]
    if bad:
        raise ValueError(f"{os.path.basename(path)}: int64 comparisons run wrongly on WebGPU; "
                         f"compare in float or look values up instead: {bad}")


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
