"""Fine-tuning: a pretrained BERT or GPT plus a new head, trained on a few labelled examples.

GPT-1 (Radford et al. 2018) and BERT (Devlin et al. 2019) share one recipe: unsupervised
pre-training, then supervised fine-tuning with minimal change to the structure. BERT classifies a
whole input from [CLS]; GPT-1 from its last token; a token classifier labels each token.

The API (stable; the Fine-tuning page and ``python -m core finetune`` use only this)::

    from core.finetune import FinetuneConfig, finetune, predict, save_finetuned, load_finetuned

    config = FinetuneConfig(model="tiny-bert", task="feelings", examples=256, seed=0, init="pretrained")
    result = finetune(config, progress=lambda step, total, loss, validation_accuracy: ...)
    result.classifier            # Classifier: .model, .tokenizer, .labels ("happy", "sad", "angry", "scared"), .family
    result.history               # [{"step": 0, "loss": None, "validation_accuracy": 0.27}, {"step": 10, ...}, ...]
    result.heldout_accuracy      # float in [0, 1], on the task's held-out split (the learning curve's figure)
    result.validation_accuracy, result.best_step, result.steps, result.stopped_early, result.seconds
    result.summary()             # all of the above but the model, JSON-ready

    prediction = predict(result.classifier, "Mary beat Tom in the race. How did Tom feel?")
    prediction.label             # "sad" (shipped tiny-bert-feelings: P = 0.82; with "Tom beat Mary": "happy", 0.91)
    prediction.probabilities     # {"happy": ..., "sad": ..., "angry": ..., "scared": ...}, in label order, sum 1
    prediction.tokens            # ["[CLS]", "mary", ...]; GPT: ["<|endoftext|>", "Mary", ...]
    prediction.position          # the classified token: 0 ([CLS]) for BERT, the last token for GPT
    prediction.attentions        # (L, H, T, T) float32 numpy, every layer and head
    prediction.classified_token_attention   # (L, H, T): the classified token's row of each pattern

    before = initial_classifier("tiny-bert", LABELS)   # pretrained weights, untrained head: attention "before"

    # The token task ("feeling-tags", core.data.feeling_tags_task): BERT's token head tags each name's feeling
    tagger = finetune(FinetuneConfig(task="feeling-tags", examples=256)).classifier
    tags = predict_tags(tagger, "Mary beat Tom in the race. Later Tom sat down.")
    tags.words, tags.probabilities     # ["Mary", "beat", ...], (W, C): every word's probabilities at its first piece
    tags.label_of(0)                   # the class of word 0; only names of the story world are trained
    save_finetuned(result, "models/finetuned/tiny-bert-feelings")   # transformers' layout + finetune.json
    classifier, record = load_finetuned("models/finetuned/tiny-bert-feelings")  # record = finetune.json

``FinetuneConfig`` (frozen) fields: model ("tiny-bert", "tiny-gpt" or a folder), task ("feelings"),
examples (int, or None for all 4,096), seed, init ("pretrained" | "random": the same architecture
newly drawn), max_steps, batch_size, learning_rate, weight_decay, warmup_fraction, eval_every,
patience (validation measurements without improvement before stopping), validation_examples.
Identical configs give identical results on one CPU thread (bit for bit), so a server may share one
run between everyone who asks for it: key it by ``dataclasses.asdict(config)``.

``progress(step, total_steps, loss, validation_accuracy)`` is called after every optimisation step;
validation_accuracy is the latest measurement (None before the first at step ``eval_every``).
If it returns False the training stops and keeps its best weights so far.

The tasks are ``core.data.feelings_task`` (``load_task("feelings")``: labels, train / validation /
heldout; one feeling per story) and ``core.data.feeling_tags_task`` (``load_task("feeling-tags")``: a
feeling tag on every mention of a person, trained on BERT's token head). Shipped, measured: the
fine-tuned checkpoints under models/finetuned/ (one folder per model: tiny-bert-feelings,
tiny-bert-random-feelings (the same run from random weights), tiny-gpt-feelings, tiny-bert-feeling-tags
(the token head), each the default config (256 examples, seed 0) with its finetune.json; kept out
of models/' top level so no page lists them as a base model) and the learning curves in
models/finetune_curve.json, the token task's under "other_tasks" (``core.finetune.curve.load_curve()``;
``python -m core eval finetune --curve``).

Modules: ``heads`` (the three heads, transformers' layouts), ``classifier`` (building, encoding,
saving, loading), ``tagging`` (batches and loss for either head), ``training`` (the loop), ``inference``
(predict, predict_tags, save/load), ``bag_of_words`` and ``word_baselines`` (the scikit-learn
baselines), ``curve`` (the learning curves).
"""

from core.data.feelings_task import LABELS, load_task
from core.finetune.classifier import Classifier, initial_classifier, load_classifier
from core.finetune.inference import Prediction, TagPrediction, load_finetuned, predict, predict_tags, save_finetuned
from core.finetune.training import FinetuneConfig, FinetuneResult, finetune

__all__ = ["LABELS", "Classifier", "FinetuneConfig", "FinetuneResult", "Prediction", "TagPrediction", "finetune",
           "initial_classifier", "load_classifier", "load_finetuned", "load_task", "predict", "predict_tags",
           "save_finetuned"]
