"""Texts the chart builders (dashboard/charts/) write into figures: titles, axis and colour-bar titles,
subplot titles, legend names, layer/head tick labels. {key: {"en": ..., "ko": ...}} like the other labels.

The builders stay language-free (arrays in, figure out); ``localise`` maps a text a builder wrote to
Korean by matching it against the "en" templates here (``{field}`` matches any text, which the Korean
template reuses), so a chart's words are translated in one place, at display time (widgets.show_figure).
Keys starting with "chart.tick." are the only ones tried on tick labels and on the category values of a
trace (a heatmap's rows "layer 1", a bar's "first candidate"): other tick labels are tokens, which are
data and must never be "translated" (a sentence may contain the word "attention"). Every tick template
holds a space, which no single token does, and its fields match no space ("layer {n}" is not "layer 1
hidden state").
"""

from __future__ import annotations

CHART_LABELS: dict[str, dict[str, str]] = {
    "chart.tick.layer": {"en": "layer {n}", "ko": "레이어 {n}"},
    "chart.tick.head": {"en": "head {n}", "ko": "헤드 {n}"},
    # Model view rows / columns (categories, translated with their tickvals); a token never holds a space.
    "chart.tick.model_query": {"en": "layer {n} · query {token} ({i})", "ko": "레이어 {n} · query {token} ({i})"},
    "chart.tick.model_key": {"en": "head {n} · key {token} ({i})", "ko": "헤드 {n} · key {token} ({i})"},
    "chart.tick.model_query_block": {"en": "layer {n} · query tokens {start}–{end}",
                                     "ko": "레이어 {n} · query 토큰 {start}–{end}"},
    "chart.tick.model_key_block": {"en": "head {n} · key tokens {start}–{end}",
                                   "ko": "헤드 {n} · key 토큰 {start}–{end}"},
    # Positional-encoding curve legends (values of the frame's "dimension" column).
    "chart.tick.dim_sin": {"en": "dim {n} (sin)", "ko": "차원 {n} (sin)"},
    "chart.tick.dim_cos": {"en": "dim {n} (cos)", "ko": "차원 {n} (cos)"},
    "chart.tick.dim": {"en": "dim {n}", "ko": "차원 {n}"},
    # Attention heatmaps, model view, head view, token focus (charts/attention.py).
    "chart.attention": {"en": "attention", "ko": "어텐션"},
    "chart.mean_attention": {"en": "mean attention", "ko": "평균 어텐션"},
    "chart.top_weight": {"en": "top weight", "ko": "최대 가중치"},
    "chart.query_row": {"en": "query (row)", "ko": "query (행)"},
    "chart.key_column": {"en": "key (column)", "ko": "key (열)"},
    "chart.layer_head": {"en": "layer, head", "ko": "레이어, 헤드"},
    "chart.all_heads": {"en": "All {layers} layers × {heads} heads", "ko": "레이어 {layers}개 × 헤드 {heads}개 전체"},
    "chart.all_heads_averaged": {"en": "All {layers} layers × {heads} heads (each cell averages {f}×{g} token pairs)",
                                 "ko": "레이어 {layers}개 × 헤드 {heads}개 전체 (한 칸이 토큰 쌍 {f}×{g}개의 평균)"},
    "chart.head_view": {"en": "Head view: thickness = weight", "ko": "헤드 뷰: 선 굵기 = 가중치"},
    "chart.focus_where": {"en": "Where {token} (position {position}) attends most",
                          "ko": "{token}(위치 {position})이 가장 많이 보는 곳"},
    "chart.focus_row": {"en": "Attention of {token} to every token", "ko": "{token}에서 모든 토큰으로 가는 어텐션"},
    # Embeddings (charts/embeddings.py, views.pca_panels).
    "chart.token_embedding": {"en": "token embedding", "ko": "토큰 임베딩"},
    "chart.segment_embedding": {"en": "segment embedding", "ko": "세그먼트 임베딩"},
    "chart.position_embedding": {"en": "position embedding (learned)", "ko": "위치 임베딩 (학습됨)"},
    "chart.embedding_sum": {"en": "sum (before LayerNorm)", "ko": "합 (LayerNorm 전)"},
    "chart.value": {"en": "value", "ko": "값"},
    "chart.dimension": {"en": "dimension", "ko": "차원"},
    "chart.norms": {"en": "L2 norm of each part", "ko": "각 부분의 L2 노름"},
    "chart.norm_axis": {"en": "‖vector‖₂", "ko": "‖벡터‖₂"},
    "chart.pca_embedding": {"en": "after embedding (LayerNorm) (PC1 {pc1}, PC2 {pc2})",
                            "ko": "임베딩 직후 (LayerNorm) (PC1 {pc1}, PC2 {pc2})"},
    "chart.pca_layer": {"en": "after layer {layer} (PC1 {pc1}, PC2 {pc2})",
                        "ko": "레이어 {layer} 이후 (PC1 {pc1}, PC2 {pc2})"},
    "chart.segment_a": {"en": "sentence A (segment 0)", "ko": "문장 A (세그먼트 0)"},
    "chart.segment_b": {"en": "sentence B (segment 1)", "ko": "문장 B (세그먼트 1)"},
    # Positional encoding (charts/positional.py).
    "chart.position": {"en": "position", "ko": "위치"},
    "chart.dot_product": {"en": "dot product", "ko": "내적"},
    "chart.untrained": {"en": "positions ≥ {n}: never trained", "ko": "위치 {n} 이상: 학습된 적 없음"},
    # Attention arithmetic (charts/arithmetic.py) and masked LM (charts/predictions.py).
    "chart.model": {"en": "model", "ko": "모델"},
    "chart.scaled": {"en": "scaled", "ko": "÷√d_k 한 값"},
    "chart.softmax": {"en": "softmax", "ko": "softmax 확률"},
    "chart.softmax_row": {"en": "3. softmax (bars) and the model's attention row (diamonds)",
                          "ko": "3. softmax (막대)와 모델의 어텐션 행 (마름모)"},
    "chart.weighted_sum": {"en": "4. weighted sum of the value vectors = the head's output z",
                           "ko": "4. value 벡터의 가중합 = 헤드의 출력 z"},
    "chart.context_here": {"en": "Σ softmax_j · v_j (here)", "ko": "Σ softmax_j · v_j (여기서 계산)"},
    "chart.model_head_output": {"en": "model's head output", "ko": "모델의 헤드 출력"},
    "chart.head_dimension": {"en": "dimension of the head", "ko": "헤드의 차원"},
    "chart.probability": {"en": "probability", "ko": "확률"},
    "chart.mask_panel": {"en": "position {position} (was {token})", "ko": "위치 {position} (원래 {token})"},
    # Translation (charts/translation.py).
    "chart.masked": {"en": "masked", "ko": "마스크됨"},
    "chart.source": {"en": "source (encoder output)", "ko": "원문 (인코더 출력)"},
    "chart.target": {"en": "target (token being chosen)", "ko": "번역문 (고르는 중인 토큰)"},
    "chart.decoder_key": {"en": "key (decoder input, column)", "ko": "key (디코더 입력, 열)"},
    "chart.decoder_query": {"en": "query (decoder input, row)", "ko": "query (디코더 입력, 행)"},
    "chart.step_title": {"en": "Step {step}: choosing {token}", "ko": "단계 {step}: {token} 고르기"},
    "chart.step_cross": {"en": "cross-attention over the source", "ko": "원문에 대한 cross-attention"},
    "chart.step_self": {"en": "decoder self-attention over the prefix it may see",
                        "ko": "볼 수 있는 앞부분에 대한 디코더 self-attention"},
    # Beam search (charts/beam.py).
    "chart.beam_step": {"en": "step (tokens generated)", "ko": "단계 (생성한 토큰 수)"},
    "chart.beam_root": {"en": "root &lt;s&gt;", "ko": "뿌리 &lt;s&gt;"},
    "chart.beam_kept": {"en": "kept in the beam", "ko": "빔에 남음"},
    "chart.beam_finished": {"en": "finished (&lt;/s&gt;)", "ko": "완료 (&lt;/s&gt;)"},
    "chart.beam_pruned": {"en": "pruned", "ko": "가지치기됨"},
    "chart.beam_greedy": {"en": "greedy path", "ko": "greedy 경로"},
    "chart.beam_n_best": {"en": "final n-best (#rank)", "ko": "최종 n-best (#순위)"},
    "chart.beam_edges": {"en": "edges {fate}", "ko": "간선 {fate}"},
    # Coreference (charts/coreference.py, views.comparison).
    "chart.accuracy": {"en": "accuracy", "ko": "정확도"},
    "chart.chance": {"en": "chance {value}", "ko": "우연 수준 {value}"},
    "chart.se_tick": {"en": "2 s.e. {value}", "ko": "+2 표준오차 {value}"},
    "chart.threshold": {"en": "2 s.e. above chance {value}", "ko": "우연 수준 + 2 표준오차 {value}"},
    "chart.accuracy_axis": {"en": "accuracy on the built-in set", "ko": "내장 문장 집합의 정확도"},
    "chart.candidates_title": {"en": "Attention from {pronoun} to each candidate",
                               "ko": "{pronoun}에서 각 후보로 가는 어텐션"},
    "chart.tick.best_head": {"en": "best head: layer {layer}, head {head}",
                            "ko": "가장 좋은 헤드: 레이어 {layer}, 헤드 {head}"},
    "chart.tick.first_candidate": {"en": "first candidate", "ko": "첫 후보 규칙"},
    "chart.tick.nearest_candidate": {"en": "nearest candidate", "ko": "가장 가까운 후보 규칙"},
    # Compare (charts/compare.py).
    "chart.tick.layer_attention": {"en": "layer {n} attention probs", "ko": "레이어 {n} 어텐션 확률"},
    "chart.tick.layer_hidden": {"en": "layer {n} hidden state", "ko": "레이어 {n} 은닉 상태"},
    "chart.tick.embedding_output": {"en": "embedding output", "ko": "임베딩 출력"},
    "chart.tick.pooled_output": {"en": "pooled output", "ko": "pooled 출력"},
    "chart.tick.mlm_logits": {"en": "MLM logits", "ko": "MLM 로짓"},
    "chart.tick.nsp_logits": {"en": "NSP logits", "ko": "NSP 로짓"},
    "chart.max_abs_difference": {"en": "max abs difference", "ko": "최대 절대 차이"},
    "chart.tolerance": {"en": "tolerance {atol}", "ko": "허용 오차 {atol}"},
    "chart.parity_title": {"en": "{model} vs transformers.{reference}: max difference {diff}",
                           "ko": "{model} vs transformers.{reference}: 최대 차이 {diff}"},
    # One line of a chart's hover text (lines split at <br>), localised by widgets.localise_hover; ``{v}`` is the
    # Plotly placeholder (%{z:.4g}) or a name the builder wrote. Kept apart from the "chart." templates, which
    # localise titles and would otherwise rewrite a legend such as "token embedding" as "토큰 embedding".
    "hover.query": {"en": "query {v}", "ko": "query 토큰 {v}"},
    "hover.key": {"en": "key {v}", "ko": "key 토큰 {v}"},
    "hover.attention": {"en": "attention {v}", "ko": "어텐션 {v}"},
    "hover.mean_attention": {"en": "mean attention {v}", "ko": "평균 어텐션 {v}"},
    "hover.attends_most": {"en": "attends most to {v}", "ko": "가장 많이 보는 토큰 {v}"},
    "hover.weight": {"en": "weight {v}", "ko": "가중치 {v}"},
    "hover.token": {"en": "token {v}", "ko": "토큰 {v}"},
    "hover.dim": {"en": "dim {v}", "ko": "차원 {v}"},
    "hover.dimension": {"en": "dimension {v}", "ko": "차원 {v}"},
    "hover.value": {"en": "value {v}", "ko": "값 {v}"},
    "hover.position": {"en": "position {v}", "ko": "위치 {v}"},
    "hover.position_pair": {"en": "position {p} · position {q}", "ko": "위치 {p} · 위치 {q}"},
    "hover.dot_product": {"en": "dot product {v}", "ko": "내적 {v}"},
    "hover.norm": {"en": "norm {v}", "ko": "노름 {v}"},
    "hover.probability": {"en": "probability {v}", "ko": "확률 {v}"},
    "hover.model": {"en": "model {v}", "ko": "모델 {v}"},
    "hover.computed": {"en": "computed {v}", "ko": "여기서 계산 {v}"},
    # Translation, seq2seq and compare hovers (charts/translation.py, charts/compare.py).
    "hover.head": {"en": "head {v}", "ko": "헤드 {v}"},
    "hover.target": {"en": "target {v}", "ko": "번역문 토큰 {v}"},
    "hover.source": {"en": "source {v}", "ko": "원문 토큰 {v}"},
    "hover.masked": {"en": "<b>masked</b> (look-ahead): a later position, −∞ before the softmax, weight exactly 0",
                     "ko": "<b>마스크됨</b> (look-ahead): 뒤쪽 위치라 softmax 전에 −∞, 가중치는 정확히 0"},
    "hover.max_difference": {"en": "max |ours − transformers| {v}", "ko": "최대 |ours − transformers| {v}"},
    # Beam-search tree nodes (charts/beam.py: HOVER, one line per fact; the fate line is a whole line).
    "hover.beam_node": {"en": "{token} (node {node}, step {step})", "ko": "{token} (노드 {node}, 단계 {step})"},
    "hover.beam_root": {"en": "root &lt;s&gt;", "ko": "뿌리 &lt;s&gt;"},
    "hover.beam_kept": {"en": "kept in the beam", "ko": "빔에 남음"},
    "hover.beam_finished": {"en": "finished (&lt;/s&gt;)", "ko": "완료 (&lt;/s&gt;)"},
    "hover.beam_pruned": {"en": "pruned", "ko": "가지치기됨"},
    "hover.token_log_prob": {"en": "token log-prob {v}", "ko": "토큰 로그 확률 {v}"},
    "hover.cumulative_log_prob": {"en": "cumulative log-prob {v}", "ko": "누적 로그 확률 {v}"},
    "hover.score_normalised": {"en": "score (length-normalised) {v}", "ko": "점수 (길이 정규화) {v}"},
    "hover.rank_at_step": {"en": "rank at its step {v} (1 = best)", "ko": "그 단계에서의 순위 {v} (1 = 최고)"},
    # RNN / LSTM and seq2seq hovers (charts/rnn.py).
    "hover.sentences": {"en": "{v} ({n} sentences)", "ko": "{v} (문장 {n}개)"},
    "hover.exact_match": {"en": "{bucket}: {v}% of {n}", "ko": "{bucket}: {n}개 중 {v}%"},
}
