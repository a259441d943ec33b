"""core: the science of the dashboard, in pure PyTorch and NumPy.

Everything the dashboard shows is computed here, so a notebook that does
``import core`` gets the same numbers as the page. Nothing in this package
imports streamlit, plotly or altair.
"""

from core.attention import (
    AttentionRecord,
    MultiHeadAttention,
    padding_keep_mask,
    scaled_dot_product_attention,
    subsequent_keep_mask,
)
from core.bert.config import BertConfig
from core.bert.model import BertForPreTraining, BertTrace

__all__ = [
    "AttentionRecord",
    "BertConfig",
    "BertForPreTraining",
    "BertTrace",
    "MultiHeadAttention",
    "padding_keep_mask",
    "scaled_dot_product_attention",
    "subsequent_keep_mask",
]
