#!/usr/bin/env bash
# Train models/tiny-bert on one CUDA GPU within a wall-clock budget, the way the shipped model was made.
#   scripts/train_tiny_bert_gpu.sh OUT_FOLDER [TRAIN_SECONDS]
# A short calibration run measures the seconds per step; the real run then gets as many steps as fit
# in TRAIN_SECONDS (the learning-rate schedule needs the step count up front). On a CPU, use the
# defaults instead: `python -m core train bert --export models/tiny-bert` (about an hour on 2 cores).
set -euo pipefail
OUT_FOLDER=${1:?usage: $0 OUT_FOLDER [TRAIN_SECONDS]}
TRAIN_SECONDS=${2:-300}
PY=${PYTHON:-python3}
COMMON=(--device cuda --data-dir runs/gpu/data --train-stories 1000000 --batch-size 256 --learning-rate 1e-3)
mkdir -p "$OUT_FOLDER"
$PY -c "import torch; print('torch', torch.__version__, torch.cuda.get_device_name())"
rm -rf runs/gpu-calibration
$PY -m core train bert "${COMMON[@]}" --out-dir runs/gpu-calibration --steps 300 --warmup-steps 50 \
    --checkpoint-every 100 --quiet --export runs/gpu-calibration/model
STEP_SECONDS=$($PY -c "import json; log=[json.loads(l) for l in open('runs/gpu-calibration/log.jsonl')]; \
print((log[-1]['seconds'] - log[0]['seconds']) / (log[-1]['step'] - log[0]['step']))")
STEPS=$($PY -c "print(int($TRAIN_SECONDS / $STEP_SECONDS) // 500 * 500)")
echo "calibration: $STEP_SECONDS s/step -> $STEPS steps in $TRAIN_SECONDS s"
$PY -m core train bert "${COMMON[@]}" --out-dir runs/gpu --steps "$STEPS" --warmup-steps 1000 \
    --checkpoint-every 1000 --no-resume --quiet --export "$OUT_FOLDER"
cp runs/gpu/log.jsonl "$OUT_FOLDER/../log.jsonl"
