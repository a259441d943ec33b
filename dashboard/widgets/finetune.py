"""The Fine-tuning page's sections: training live through the server's queue, the learning curve, what changed.

A run is named by its key (``views.finetune.RunKey``: base model, labelled examples, seed). The controls are bound
to the URL (``examples``, ``seed``), so a link reproduces the view, and a run already made on this server for that
key is shown to everyone at once. The key of the run this session asked for is kept in Session State, so a rerun
(a moved control, the sidebar's sentence) finds its run again, waiting, training or done: it is never lost.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cache, registry
from dashboard.charts.finetune import (
    cls_attention_figure,
    curve_figure,
    probabilities_figure,
    tags_figure,
    training_figure,
)
from dashboard.language import t
from dashboard.sidebar import SidebarState, input_notice
from dashboard.training_queue import DONE, FAILED, QUEUED, Job, QueueFull, TrainingQueue
from dashboard.views import finetune as views
from dashboard.widgets import figures, tables
from dashboard.widgets.presets import preset_picker

ASKED_KEY = "_finetune_asked"  # Session State: the RunKey this session last pressed Train for
OWN_KEY = "_finetune_own"  # Session State: the RunKeys this session queued itself (the others' are "shared")
CHOSEN_KEY = "finetuned"  # the fine-tuned model "what changed" shows (a widget key)
JUST_MADE_KEY = "_finetune_just_made"  # Session State: the run this session saw end, chosen at the next run
POLL_S = 0.5  # how often a waiting page redraws its bar


def base_model(state: SidebarState) -> str | None:
    """The pretrained BERT a live run fine-tunes: the sidebar's model, when one is loaded."""
    return state.model_name if state.pipeline is not None else None


def train_section(queue: TrainingQueue, base: str | None, pipeline) -> tuple[views.RunKey | None, object]:
    """The controls and the Train button, and a finished run's results; returns the key of the run shown (None
    when nothing can be trained) and the slot its status is followed in (``follow``, called last)."""
    st.header(t("finetune.train_header"))
    if base is None:
        st.info(t("finetune.no_base"))
        return None, st.empty()
    parameters = views.parameter_count(pipeline)
    if parameters > views.LIVE_MAX_PARAMETERS:
        st.info(t("finetune.too_large", model=base, millions=f"{parameters / 1e6:.0f}",
                  most=f"{views.LIVE_MAX_PARAMETERS / 1e6:.0f}"))
        return None, st.empty()
    st.markdown(t("finetune.train_intro", model=base))
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    examples = left.select_slider(t("finetune.examples"), views.example_choices(), value=views.DEFAULT_EXAMPLES,
                                  key="examples", bind="query-params", help=t("finetune.examples_help"))
    seed = middle.number_input(t("finetune.seed"), 0, views.MAX_SEED, 0, key="seed", bind="query-params",
                               help=t("finetune.seed_help"))
    key = views.run_key(base, examples, seed)
    if right.button(t("finetune.train"), type="primary", key="finetune_train", width="stretch"):
        _ask(queue, key)
    st.caption(t("finetune.cost", model=base, steps=key.max_steps))
    status = st.container()
    job = queue.job(key)
    if job is not None and job.state == DONE:
        with status:
            if key not in st.session_state.get(OWN_KEY, set()):
                st.info(t("finetune.shared"), icon=":material/group:")
            run_results(job.result)
    elif job is not None and job.state == FAILED:
        status.error(t("finetune.failed", error=str(job.error)))
    return key, status


def _ask(queue: TrainingQueue, key: views.RunKey) -> None:
    """Queue ``key``'s run for this session, or join the identical one queued, running or done."""
    known = queue.job(key)
    try:
        queue.submit(key, views.run_work(key))
    except QueueFull:
        _, waiting, _ = queue.snapshot()
        st.warning(t("finetune.full", waiting=len(waiting)))
        return
    st.session_state[ASKED_KEY] = key
    if known is None or known.state == FAILED:
        st.session_state[OWN_KEY] = {*st.session_state.get(OWN_KEY, set()), key}


def run_results(result: views.LiveRun) -> None:
    """A finished run: held-out accuracy of both ways of learning the labels, and their training curves."""
    st.subheader(t("finetune.result_header"))
    columns = st.columns(2)
    for column, phase in zip(columns, (result.pretrained, result.random)):
        column.metric(t("finetune.heldout_accuracy", phase=t(f"finetune.phase.{phase.method}")),
                      f"{phase.heldout_accuracy:.1%}", help=t("finetune.heldout_help"))
        column.caption(t("finetune.run_summary", examples=result.key.examples, seed=result.key.seed,
                         steps=phase.steps, seconds=f"{phase.seconds:.1f}"))
    gain = 100 * (result.pretrained.heldout_accuracy - result.random.heldout_accuracy)
    st.markdown(t("finetune.pretraining_gain", gain=f"{gain:+.1f}", examples=result.key.examples))
    st.caption(t("finetune.run_time", seconds=f"{result.seconds:.1f}", cpu=f"{result.cpu_seconds:.1f}"))
    history = views.history_frame(result)
    figures.show_figure(training_figure(history, words=figures.chart_words()), "finetune_training")
    tables.downloads("finetune_run", history, views.run_payload(result))


def curve_section(queue: TrainingQueue, key: views.RunKey | None) -> None:
    """The shipped learning curve, with the run shown starred once it has finished."""
    st.header(t("finetune.curve_header"))
    payload = cache.finetune_curve()
    if payload is None:
        st.info(t("finetune.curve_missing"))
        return
    try:
        curve = views.curve_frame(payload)
    except (KeyError, TypeError, ValueError) as error:  # a file of another layout: say so, keep the page
        st.warning(t("finetune.curve_unreadable", error=repr(error)))
        return
    st.caption(t("finetune.curve_intro", seeds=views.curve_seeds(curve)))
    job = queue.job(key) if key is not None else None
    marks = views.marks_frame(job.result) if job is not None and job.state == DONE else None
    figures.show_figure(curve_figure(curve, marks, t("chart.finetune_curve_title"), words=figures.chart_words()),
                        "finetune_curve")
    if marks is not None:
        st.caption(t("finetune.curve_mark"))
    frame = views.curve_table(curve)
    tables.table(frame)
    tables.downloads("finetune_curve", frame, payload)


def changed_section(state: SidebarState, queue: TrainingQueue, key: views.RunKey | None) -> None:
    """The classified token's attention in the last layers before and after fine-tuning, on the sidebar's
    sentence, and the fine-tuned classifier's answer."""
    header = st.empty()  # names the classified token once the model is chosen
    header.header(t("finetune.changed_header_any"))
    preset = preset_picker("fine_tuning")
    choices = _finetuned_choices(queue, key)
    if not choices:
        st.info(t("finetune.no_finetuned"))
        return
    names = {choice_id: name for choice_id, (name, _, _) in choices.items()}
    just_made = st.session_state.pop(JUST_MADE_KEY, None)
    if just_made in names:  # set before the widget is drawn: Streamlit refuses it afterwards
        st.session_state[CHOSEN_KEY] = just_made
    # drawn before the sentence is checked: a widget left out of a run loses its choice
    chosen = st.selectbox(t("finetune.which_model"), list(names), format_func=names.get, key=CHOSEN_KEY,
                          help=t("finetune.which_model_help"))
    _, (base, init, seed), classifier = choices[chosen]
    header.header(t("finetune.changed_header", token=t(f"finetune.token.{classifier.family}")))
    if not state.has_text:
        st.info(t("finetune.type_sentence"))
        return
    changed = cache.finetune_changes(chosen, base, init, seed, state.text, classifier)
    if changed.truncated:
        st.warning(t("trace.truncated", full=changed.full_length, model=names[chosen], kept=len(changed.tokens)))
    if state.model_name == base and state.pipeline is not None:
        input_notice(state)
    st.markdown(t(f"finetune.changed_intro.{classifier.family}"))
    layers = st.slider(t("finetune.layers"), 1, changed.num_layers, min(2, changed.num_layers), key="cls_layers",
                       bind="query-params")
    before, after, rows = views.cls_rows(changed, layers)
    figures.show_figure(cls_attention_figure(before, after, rows, changed.tokens, words=figures.chart_words(),
                                             start=init),
                        "finetune_cls_attention")
    labels = [t(f"finetune.label.{name}") for name in changed.labels]
    best = int(changed.probabilities.argmax())
    st.markdown(t("finetune.prediction", label=labels[best], probability=f"{changed.probabilities[best]:.1%}"))
    known = changed.labels.index(preset.label) if preset is not None and preset.label in changed.labels \
        else views.known_label(state.text)
    if known is not None:
        st.caption(t("finetune.known", label=labels[known]))
    figures.show_figure(probabilities_figure(labels, changed.probabilities, known, words=figures.chart_words()),
                        "finetune_probabilities")
    st.caption(t("finetune.off_task"))


def _finetuned_choices(queue: TrainingQueue, key: views.RunKey | None) -> dict[str, tuple[str, tuple, object]]:
    """id -> (shown name, where it started: (base model, init, seed), classifier): the run shown first once it has
    finished, then the shipped fine-tuned models (one that fails to load is told on the page), then the other
    runs this server kept."""
    choices: dict[str, tuple[str, tuple, object]] = {}
    _, _, finished = queue.snapshot()
    runs = [job for job in finished if job.state == DONE and isinstance(job.result, views.LiveRun)]
    runs.sort(key=lambda job: job.key != key)  # the run shown first
    for job in runs[:1] if runs and runs[0].key == key else []:
        choices[views.run_id(job.key)] = (_run_name(job.key), (job.key.model, "pretrained", 0),
                                          job.result.classifier)
    for name, (classifier, record) in _shipped(taggers=False).items():
        choices[name] = (name, views.base_of(record, classifier), classifier)
    for job in runs:
        choices.setdefault(views.run_id(job.key), (_run_name(job.key), (job.key.model, "pretrained", 0),
                                                   job.result.classifier))
    return choices


def _shipped(taggers: bool) -> dict[str, tuple]:
    """name -> (classifier, finetune.json) of the shipped fine-tuned models with a token head (``taggers``) or a
    sequence head; one that fails to load is told on the page (by the sequence section only, once)."""
    found = {}
    for name in registry.available_finetuned():
        loaded = registry.load_finetuned_model(name)
        if loaded.model is None:
            if not taggers:
                st.warning(t("load.failed", name=name, error=loaded.error))
            continue
        if views.is_tagger(loaded.model[0]) == taggers:
            found[name] = loaded.model
    return found


def tags_section(state: SidebarState) -> None:
    """A token classifier on the sidebar's sentence: the feeling it gives each person named, token by token."""
    st.header(t("finetune.tags_header"))
    st.markdown(t("finetune.tags_intro"))
    taggers = _shipped(taggers=True)
    if not taggers:
        st.info(t("finetune.no_tagger"))
        return
    name = st.selectbox(t("finetune.which_tagger"), list(taggers), key="tagger")
    if not state.has_text:
        st.info(t("finetune.type_sentence"))
        return
    tags = cache.finetune_name_tags(name, state.text, taggers[name][0])
    if not tags.rows:
        st.info(t("finetune.no_names"))
        return
    labels = [t(f"finetune.label.{label}") for label in tags.labels]
    figures.show_figure(tags_figure(tags.rows, tags.probabilities, labels, words=figures.chart_words()),
                        "finetune_tags")
    record = taggers[name][1]
    if "heldout_accuracy" in record:
        st.caption(t("finetune.tagger_record", examples=record.get("examples", "?"),
                     seed=record.get("config", {}).get("seed", "?"), heldout=f"{record['heldout_accuracy']:.1%}",
                     validation=f"{record.get('validation_accuracy', float('nan')):.1%}"))
    st.caption(t("finetune.tags_caption"))


def _run_name(key: views.RunKey) -> str:
    return t("finetune.live_run", examples=key.examples, seed=key.seed)


def follow(queue: TrainingQueue, key: views.RunKey | None, status) -> None:
    """Follow the run this session asked for (or the one being made for the key shown) in ``status`` until it
    ends, then rerun the page so every section shows it. Called last: the rest of the page is drawn meanwhile."""
    asked = st.session_state.get(ASKED_KEY)
    job = queue.job(asked) if asked is not None else None
    if job is None or job.finished:
        job = queue.job(key) if key is not None else None
    if job is None or job.finished:
        return
    with status:
        bar = st.progress(0.0, text=_status_text(queue, job))
        while not job.wait(POLL_S):
            bar.progress(views.fraction(job.progress), text=_status_text(queue, job))
    if job.state == DONE and isinstance(job.result, views.LiveRun):
        st.session_state[JUST_MADE_KEY] = views.run_id(job.key)  # "what changed" opens on it in the rerun
    st.rerun()


def _status_text(queue: TrainingQueue, job: Job) -> str:
    if job.state == QUEUED:
        return t("finetune.queued", ahead=queue.ahead(job))
    progress = job.progress
    if progress is None:
        return t("finetune.starting", phase=t("finetune.phase.pretrained"))
    return t("finetune.progress", phase=t(f"finetune.phase.{progress.method}"), step=progress.step,
             total=progress.total, loss=f"{progress.loss:.3f}",
             accuracy="–" if progress.accuracy is None else f"{progress.accuracy:.1%}")
