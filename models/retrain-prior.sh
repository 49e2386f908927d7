#!/usr/bin/env bash
# Retrain and re-export the personalized prior on synthetic users (needs the decoder's export),
# then the decoder's third stage: a smaller decoder distilled from the two-stage one on the
# catalog and on this prior's samples (models/distill_decoder.py). The encoder, so the embedding
# space and everything the prior reads, stays as the decoder script exported it.
#   bash models/retrain-prior.sh            full run, writes public/models
#   bash models/retrain-prior.sh --smoke D  tiny model, a few steps, over the smoke export in D
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if [ "${1:-}" = "--smoke" ]; then
  out=${2:?smoke needs an output folder}
  mkdir -p "$out/prior"
  $PY models/train_prior.py --smoke --steps 5 --batch 16 --models "$out/models" --out "$out/prior"
  # --init (carry a prior over to another embedding) is exercised too: 2 steps from the first run.
  $PY models/train_prior.py --smoke --steps 2 --batch 16 --models "$out/models" --out "$out/prior-init" --init "$out/prior/checkpoint.pt"
  $PY models/export_prior.py --checkpoint "$out/prior/checkpoint.pt" --out "$out/models" --fixtures "$out/fixtures"
  $PY models/distill_decoder.py --smoke --steps 3 --bank 64 --probe-every 3 --teacher "$out/run2/checkpoint.pt" \
    --prior "$out/prior/checkpoint.pt" --models "$out/models" --out "$out/ae3"
  $PY models/export_autoencoder.py --checkpoint "$out/ae3/checkpoint.pt" --out "$out/models" \
    --fixtures "$out/fixtures" --report "$out/report"
  # The v-predicting denoiser (tried, not shipped) still trains and exports: its in-graph schedule
  # is checked against the manifest's at export.
  mkdir -p "$out/prior-v" "$out/prior-v-export/fixtures"
  cp "$out/models/manifest.json" "$out/prior-v-export/"
  $PY models/train_prior.py --smoke --steps 2 --batch 16 --prediction v --models "$out/models" --out "$out/prior-v"
  $PY models/export_prior.py --checkpoint "$out/prior-v/checkpoint.pt" --out "$out/prior-v-export" --fixtures "$out/prior-v-export/fixtures"
  # So does the patch-token cut (tried, not shipped): its export checks that token k is patch k.
  mkdir -p "$out/prior-patch" "$out/prior-patch-export/fixtures"
  cp "$out/models/manifest.json" "$out/prior-patch-export/"
  $PY models/train_prior.py --smoke --steps 2 --batch 16 --patch-channels 8 --models "$out/models" --out "$out/prior-patch"
  $PY models/export_prior.py --checkpoint "$out/prior-patch/checkpoint.pt" --out "$out/prior-patch-export" --fixtures "$out/prior-patch-export/fixtures"
else
  rm -rf models/runs/prior
  $PY models/train_prior.py --out models/runs/prior
  $PY models/strip_checkpoint.py models/runs/prior/checkpoint.pt models/weights/prior.pt
  # Guidance: diffusion.DEFAULT_GUIDANCE, chosen with the taste shift on validation users.
  $PY models/export_prior.py --checkpoint models/weights/prior.pt
  # The benchmark's one-graph sampler wraps the shipped denoiser (scripts/bench/sampler-graph.ts).
  $PY models/export_sampler_graph.py
  rm -rf models/runs/ae3
  $PY models/distill_decoder.py --teacher models/weights/autoencoder-stage2.pt --prior models/weights/prior.pt \
    --out models/runs/ae3
  $PY models/strip_checkpoint.py models/runs/ae3/checkpoint.pt models/weights/autoencoder.pt
  $PY models/export_autoencoder.py --checkpoint models/weights/autoencoder.pt
fi
