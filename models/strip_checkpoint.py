"""Keep config + weights (+ step) of a training checkpoint: what export and evaluation need."""
import os
import sys

import torch

src, dst = sys.argv[1], sys.argv[2]
ck = torch.load(src, map_location="cpu")
os.makedirs(os.path.dirname(dst), exist_ok=True)
torch.save({k: ck[k] for k in ("config", "state", "step", "seed") if k in ck}, dst)
print(f"{dst}: {os.path.getsize(dst) / 1e6:.1f} MB")
