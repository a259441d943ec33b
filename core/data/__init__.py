"""Generated corpora, lexicons and measured data files that ship with the package."""

from pathlib import Path

# Written by ``python -m benchmarks recurrence`` (benchmarks/bench_recurrence.py); drawn on the RNN & LSTM page.
RECURRENT_GRADIENTS_FILE = Path(__file__).with_name("recurrent_gradients.json")
