#!/usr/bin/env bash
# Retrain and re-export the autoencoder (embedding + image decoder).
#   bash models/retrain-decoder.sh            full run (~65 min on 2 cores, models/README.md), writes public/models
#   bash models/retrain-decoder.sh --smoke D  tiny model, a few steps, everything into folder D
# Two stages: reconstruction (2,200 steps), then the contrastive stage (train_autoencoder.py
# --init --contrastive, 1,200 steps) that sorts the embedding by meaning, which the prior needs to
# find a liked category (models/README.md). The smoke run goes through both. The third stage, a
# smaller decoder distilled from this one (models/distill_decoder.py), needs the prior's samples,
# so `npm run train:prior` runs it; this script leaves the two-stage weights in
# models/weights/autoencoder-stage2.pt as its teacher.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if [ "${1:-}" = "--smoke" ]; then
  out=${2:?smoke needs an output folder}
  mkdir -p "$out/run" "$out/run2"
  $PY models/train_autoencoder.py --smoke --steps 10 --batch 16 --out "$out/run"
  $PY models/train_autoencoder.py --smoke --steps 4 --batch 16 --out "$out/run2" --init "$out/run/checkpoint.pt" \
    --lr 5e-4 --contrastive 0.05 --probe-every 4
  $PY models/export_autoencoder.py --checkpoint "$out/run2/checkpoint.pt" --out "$out/models" \
    --fixtures "$out/fixtures" --report "$out/report"
else
  rm -rf models/runs/ae models/runs/ae2
  $PY models/train_autoencoder.py --out models/runs/ae
  $PY models/train_autoencoder.py --out models/runs/ae2 --init models/runs/ae/checkpoint.pt \
    --steps 1200 --lr 5e-4 --contrastive 0.05
  $PY models/export_autoencoder.py --checkpoint models/runs/ae2/checkpoint.pt
  $PY models/strip_checkpoint.py models/runs/ae2/checkpoint.pt models/weights/autoencoder-stage2.pt
  cp models/weights/autoencoder-stage2.pt models/weights/autoencoder.pt
fi
