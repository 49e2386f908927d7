#!/usr/bin/env bash
# CI's check of the whole model path in minutes: train tiny models for a few steps, export them,
# run the evaluation in smoke mode, then the ONNX-parity / sampler / CLI tests against that export.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/smoke-models.XXXX)
trap 'rm -rf "$dir"' EXIT
bash models/retrain-decoder.sh --smoke "$dir"
bash models/retrain-prior.sh --smoke "$dir"
/usr/bin/python3 models/evaluate_prior.py --smoke --models "$dir/models" --ae "$dir/ae3/checkpoint.pt" \
  --prior "$dir/prior/checkpoint.pt" --out "$dir/EVALUATION.md"
test -s "$dir/EVALUATION.md"
grep -q "Acceptance at 20 ratings" "$dir/EVALUATION.md" || { echo "EVALUATION.md has no acceptance verdict" >&2; exit 1; }
MODELS_DIR="$dir/models" PRIOR_CHECKPOINT="$dir/prior/checkpoint.pt" npx vitest run \
  src/runtime/onnx-runtime.test.ts src/runtime/runtime-door.test.ts src/worker/generation-client.test.ts \
  scripts/generate.test.ts
