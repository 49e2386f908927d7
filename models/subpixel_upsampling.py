"""The decoder's "nearest ×2 upsampling, then a 3×3 convolution" rewritten as one 2×2
convolution at the low resolution with four times the output channels, then DepthToSpace.

Why: on WASM the decoder's convolutions run at what 128-bit SIMD without fused multiply-add
allows (BENCHMARKS.md, browser tax), so the way to make them cheaper is to do fewer
multiply-adds. After a nearest upsampling, each output pixel of the 3×3 convolution sees only a
2×2 patch of distinct low-resolution pixels; which of the kernel's taps fall on the same pixel
depends only on the output pixel's parity (its "phase"). Summing those taps gives four 2×2
kernels, one per phase: 4 × 4 = 16 multiply-adds per input channel and low-resolution pixel
instead of 4 × 9 = 36 — the same function, to float32 rounding.

Rows (columns alike), with X the low-resolution input and U the upsampled one (U[s] = X[s // 2]):
  phase 0, output row 2i:     W0·X[i-1] + (W1 + W2)·X[i]
  phase 1, output row 2i + 1: (W0 + W1)·X[i] + W2·X[i+1]
A 2×2 convolution of X padded by 1 gives H + 1 rows; phase 0 is rows 0 .. H-1 of it, phase 1
rows 1 .. H. The phase kernels are computed in the graph from the trained 3×3 weights (a MatMul
with a constant 0/1 matrix that onnxruntime folds when it loads the session), so the file keeps
the float16 3×3 weights and its size, and the sums are float32, not rounded to float16.
"""
from __future__ import annotations

import numpy as np

# TAPS[a][m][k]: low-resolution tap m of phase a collects 3×3 kernel row k.
TAPS = np.array([[[1, 0, 0], [0, 1, 1]],
                 [[1, 1, 0], [0, 0, 1]]], dtype=np.float32)


def phase_matrix() -> np.ndarray:
    """(9, 16): a flattened 3×3 kernel (k, l) times this gives the four 2×2 phase kernels,
    columns ordered (phase a·2 + b, tap row m, tap column n)."""
    c = np.einsum("amk,bnl->klabmn", TAPS, TAPS)  # (3, 3, 2, 2, 2, 2)
    return c.reshape(9, 16)


def phase_kernels(weight: np.ndarray) -> np.ndarray:
    """(O, I, 3, 3) -> (4·O, I, 2, 2), output channel p·O + o for phase p: the numpy twin of the
    graph's construction, for tests."""
    o, i = weight.shape[:2]
    w = weight.reshape(o * i, 9) @ phase_matrix()  # (O·I, 16)
    return w.reshape(o, i, 4, 2, 2).transpose(2, 0, 1, 3, 4).reshape(4 * o, i, 2, 2)


def _initializer_shape(graph, name: str) -> list[int]:
    """Dims of an initializer, or of the initializer a Cast turns into `name` (store_half's form)."""
    inits = {t.name: list(t.dims) for t in graph.initializer}
    if name in inits:
        return inits[name]
    for n in graph.node:
        if n.op_type == "Cast" and n.output[0] == name and n.input[0] in inits:
            return inits[n.input[0]]
    raise ValueError(f"{name} is not a weight of the graph")


def _is_nearest_double(graph, node) -> bool:
    from onnx import helper, numpy_helper
    if node.op_type != "Resize":
        return False
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    if attrs.get("mode") != b"nearest" or attrs.get("coordinate_transformation_mode", b"half_pixel") != b"asymmetric" \
            or attrs.get("nearest_mode", b"round_prefer_floor") != b"floor" or len(node.input) < 3:
        return False
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in graph.node if n.op_type == "Constant"}
    consts.update({t.name: numpy_helper.to_array(t) for t in graph.initializer})
    scales = consts.get(node.input[2])
    return scales is not None and np.array_equal(scales, [1, 1, 2, 2])


def subpixel_upsampling(model):
    """Rewrites every Resize(nearest, ×2) → Conv(3×3, pad 1, stride 1) pair of an ONNX model in
    place and returns how many it rewrote. The Resize must feed only that Conv."""
    from onnx import helper, numpy_helper

    graph = model.graph
    consumers: dict[str, list] = {}
    for n in graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    c_name = "subpixel_phase_matrix"
    rewritten, nodes = 0, []
    drop = set()
    for n in graph.node:
        if not _is_nearest_double(graph, n):
            continue
        users = consumers.get(n.output[0], [])
        if len(users) != 1 or users[0].op_type != "Conv":
            continue
        conv = users[0]
        attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
        if attrs.get("kernel_shape") != [3, 3] or attrs.get("pads") != [1, 1, 1, 1] \
                or attrs.get("strides", [1, 1]) != [1, 1] or attrs.get("dilations", [1, 1]) != [1, 1] \
                or attrs.get("group", 1) != 1 or len(conv.input) != 3:
            continue
        o, i = _initializer_shape(graph, conv.input[1])[:2]
        p = f"{conv.name or conv.output[0]}/subpixel"
        x, w, b = n.input[0], conv.input[1], conv.input[2]
        shape = lambda name, dims: numpy_helper.from_array(np.array(dims, dtype=np.int64), name)
        graph.initializer.extend([shape(p + "/flat", [o * i, 9]), shape(p + "/split", [o, i, 4, 2, 2]),
                                  shape(p + "/stack", [4 * o, i, 2, 2])])
        nodes_here = [
            helper.make_node("Reshape", [w, p + "/flat"], [p + "/w9"], name=p + "/w9"),
            helper.make_node("MatMul", [p + "/w9", c_name], [p + "/w16"], name=p + "/w16"),
            helper.make_node("Reshape", [p + "/w16", p + "/split"], [p + "/w5"], name=p + "/w5"),
            helper.make_node("Transpose", [p + "/w5"], [p + "/wt"], perm=[2, 0, 1, 3, 4], name=p + "/wt"),
            helper.make_node("Reshape", [p + "/wt", p + "/stack"], [p + "/weight"], name=p + "/weight"),
            helper.make_node("Split", [p + "/weight"], [f"{p}/weight{q}" for q in range(4)], axis=0, name=p + "/weights"),
        ]
        parts = []
        for phase in range(4):
            a, c = divmod(phase, 2)
            q = f"{p}/phase{phase}"
            # Phase (a, c) reads rows i - 1 + a .. i + a: padded by 1 - a above and a below
            # (columns alike), it gives exactly H × W outputs.
            nodes_here.append(helper.make_node("Conv", [x, f"{p}/weight{phase}", b], [q], kernel_shape=[2, 2],
                                               pads=[1 - a, 1 - c, a, c], name=q))
            parts.append(q)
        nodes_here += [
            helper.make_node("Concat", parts, [p + "/by_phase"], axis=1, name=p + "/by_phase"),
            # DCR: input channel (a·2 + b)·O + o goes to channel o at row 2i + a, column 2j + b.
            helper.make_node("DepthToSpace", [p + "/by_phase"], [conv.output[0]], blocksize=2, mode="DCR",
                             name=p + "/interleave"),
        ]
        drop.update({id(n), id(conv)})
        nodes.append((conv, nodes_here))
        rewritten += 1
    if not rewritten:
        return 0
    graph.initializer.append(numpy_helper.from_array(phase_matrix(), c_name))
    replacement = {id(conv): new for conv, new in nodes}
    out = []
    for n in graph.node:
        if id(n) in replacement:
            out.extend(replacement[id(n)])
        elif id(n) not in drop:
            out.append(n)
    del graph.node[:]
    graph.node.extend(out)
    return rewritten
