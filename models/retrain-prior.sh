#!/usr/bin/env bash
# Retrain and re-export the personalized prior on synthetic users (needs the decoder's export).
#   bash models/retrain-prior.sh            full run, writes public/models
#   bash models/retrain-prior.sh --smoke D  tiny model, a few steps, over the smoke export in D
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if [ "${1:-}" = "--smoke" ]; then
  out=${2:?smoke needs an output folder}
  mkdir -p "$out/prior"
  $PY models/train_prior.py --smoke --steps 5 --batch 16 --models "$out/models" --out "$out/prior"
  $PY models/export_prior.py --checkpoint "$out/prior/checkpoint.pt" --out "$out/models" --fixtures "$out/fixtures"
else
  rm -rf models/runs/prior
  $PY models/train_prior.py --out models/runs/prior
  $PY models/export_prior.py --checkpoint models/runs/prior/checkpoint.pt
  $PY models/strip_checkpoint.py models/runs/prior/checkpoint.pt models/weights/prior.pt
fi
