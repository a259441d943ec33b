"""Pretrain, then fine-tune: fine-tune the pretrained BERT on a few labelled stories, live, beside the same model from
random weights; the measured learning curve with the run just made marked on it; where [CLS] attends before and
after fine-tuning, on the sidebar's sentence, with the classifier's answer; and a token classifier's feeling for each
person the sentence names.

Runs go through the server's training queue (``cache.training_queue``): one at a time, an identical run shared. The
page draws everything else first and follows its run last, in the status slot near the top, so a waiting student
sees the rest of the page; when the run ends the page reruns and marks it everywhere.
"""

import streamlit as st

from dashboard import cache, sidebar
from dashboard.language import t
from dashboard.widgets import finetune as fw
from dashboard.widgets import panels

state = sidebar.current()
st.title(t("finetune.title"))
panels.explanation_panel("fine_tuning", state.lang, expanded=True)
queue = cache.training_queue()
run, status = fw.train_section(queue, fw.base_model(state), state.pipeline)
fw.curve_section(queue, run)
fw.changed_section(state, queue, run)
fw.tags_section(state)
fw.follow(queue, run, status)
