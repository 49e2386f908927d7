"""Shipped weights are float16: half the bytes on the wire, and the page computes in float32.

The PyTorch side rounds its weights to float16 precision (round_to_half) before anything it
compares with the ONNX files, so parity stays exact; the ONNX side stores each large float32
initializer as float16 followed by a Cast to float32 (store_half), which onnxruntime folds into a
constant when it loads the session (basic graph optimisation, before any execution provider), so
WebGPU needs no shader-f16.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn

MIN_ELEMENTS = 64  # small tensors (shapes, scalars) stay float32: nothing to save


@torch.no_grad()
def round_to_half(module: nn.Module) -> None:
    """Rounds every floating-point weight to the nearest float16 value, in place (kept float32)."""
    for t in list(module.parameters()) + list(module.buffers()):
        if t.is_floating_point():
            t.copy_(t.half().float())


def store_half(path: str) -> None:
    """Rewrites an ONNX file: float32 initializers of >= MIN_ELEMENTS that float16 holds exactly
    become float16 + Cast."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(path)
    graph = model.graph
    casts, keep = [], []
    for init in graph.initializer:
        value = numpy_helper.to_array(init) if init.data_type == TensorProto.FLOAT else None
        # Only where float16 is lossless: the rounded weights are; constants the exporter folded
        # from them (e.g. products of two weights) are not, and stay float32.
        if value is not None and value.size >= MIN_ELEMENTS and np.array_equal(value.astype(np.float16).astype(np.float32), value):
            half = numpy_helper.from_array(value.astype(np.float16), init.name + "__f16")
            keep.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT, name=init.name + "__cast"))
        else:
            keep.append(init)
    del graph.initializer[:]
    graph.initializer.extend(keep)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, path)
