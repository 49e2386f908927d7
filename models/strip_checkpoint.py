"""Keep config + weights (+ step) of a training checkpoint, weights in float16: what export and
evaluation need."""
import os
import sys

import torch

src, dst = sys.argv[1], sys.argv[2]
ck = torch.load(src, map_location="cpu")
os.makedirs(os.path.dirname(dst), exist_ok=True)
out = {k: ck[k] for k in ("config", "state", "step", "steps_before", "seed", "sharpness") if k in ck}
# float16 like the ONNX files: the loaders round to it anyway (shipped=True), and it halves the bytes.
out["state"] = {k: v.half() if v.is_floating_point() else v for k, v in out["state"].items()}
torch.save(out, dst)
print(f"{dst}: {os.path.getsize(dst) / 1e6:.1f} MB")
