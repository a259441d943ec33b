"""Short UI texts of the encoder-decoder pages (translation, beam search), in English and Korean."""

from __future__ import annotations

TRANSFORMER_LABELS: dict[str, dict[str, str]] = {
    # Translation.
    "translation.title": {"en": "Translation: encoder, masked decoder, cross-attention",
                          "ko": "번역: 인코더, 마스크된 디코더, cross-attention"},
    "translation.best": {
        "en": "Best of a width-{beam} beam search (length penalty α = {alpha}): score {score:.4f}, "
              "log-prob {log_prob:.4f}. The Beam search page shows the whole search.",
        "ko": "너비 {beam}의 빔 서치(길이 페널티 α = {alpha})에서 가장 좋은 번역: 점수 {score:.4f}, "
              "log 확률 {log_prob:.4f}. 전체 탐색은 빔 서치 페이지에서 볼 수 있습니다."},
    "translation.step": {"en": "Step (generated token)", "ko": "단계 (생성된 토큰)"},
    "translation.step_header": {"en": "Step {step} of {steps}: decoder layer {layer}, head {head}",
                                "ko": "단계 {step}/{steps}: 디코더 레이어 {layer}, 헤드 {head}"},
    "translation.decoder_self": {"en": "Decoder masked self-attention", "ko": "디코더 masked self-attention"},
    "translation.look_ahead": {"en": "Grey × cells: the look-ahead mask (a later word; −∞ before the softmax).",
                               "ko": "회색 × 칸: look-ahead mask(미래 단어; softmax 전에 −∞)."},
    "translation.cross": {"en": "Cross-attention (alignment)", "ko": "Cross-attention (정렬)"},
    "translation.cross_heads": {"en": "Cross-attention, every head of decoder layer {layer}",
                                "ko": "Cross-attention: 디코더 레이어 {layer}의 모든 헤드"},
    "translation.encoder_header": {"en": "Encoder self-attention: layer {layer}, head {head}",
                                   "ko": "인코더 self-attention: 레이어 {layer}, 헤드 {head}"},
    "translation.encoder_nearest": {"en": "The encoder has {layers} layers × {heads} heads: the nearest one is shown.",
                                    "ko": "인코더는 레이어 {layers}개 × 헤드 {heads}개라서 가장 가까운 것을 "
                                          "보여 줍니다."},
    "translation.encoder": {"en": "Encoder self-attention", "ko": "인코더 self-attention"},
    # Beam search.
    "beam.title": {"en": "Beam search: the whole tree", "ko": "빔 서치: 탐색 트리 전체"},
    "beam.width": {"en": "Beam width K", "ko": "빔 너비 K"},
    "beam.width_help": {"en": "Hypotheses kept at every step. 1 is greedy decoding.",
                        "ko": "단계마다 남기는 가설 수. 1이면 greedy decoding입니다."},
    "beam.max_length": {"en": "Maximum length", "ko": "최대 길이"},
    "beam.max_length_help": {"en": "Tokens, </s> included; at the last step only </s> may follow.",
                             "ko": "</s>를 포함한 토큰 수; 마지막 단계에서는 </s>만 올 수 있습니다."},
    "beam.alpha": {"en": "Length penalty α", "ko": "길이 페널티 α"},
    "beam.alpha_help": {"en": "Final score = log-prob / length^α; 0 ranks by raw log-prob.",
                        "ko": "최종 점수 = log 확률 / 길이^α; 0이면 log 확률 그대로 순위를 매깁니다."},
    "beam.show_pruned": {"en": "Show pruned hypotheses", "ko": "가지치기된 가설 보이기"},
    "beam.tree_title": {"en": "{source} — K = {beam}, max length {max_length}, α = {alpha:g}",
                        "ko": "{source} — K = {beam}, 최대 길이 {max_length}, α = {alpha:g}"},
    "beam.tree_caption": {
        "en": "{nodes} nodes after {steps} steps: {kept} kept, {finished} finished, {pruned} pruned. These are the "
              "2K extensions compared for the beam at each step, out of {scored:,} hypotheses scored in all (every "
              "live hypothesis × every word); the CSV and JSON downloads hold all of them. Hover a node for its "
              "cumulative log-prob. ",
        "ko": "{steps}단계 동안 노드 {nodes}개: 남김(kept) {kept}, 완료(finished) {finished}, 가지치기(pruned) "
              "{pruned}. 각 단계에서 빔 자리를 두고 비교된 2K개의 확장이며, 점수가 매겨진 가설은 모두 {scored:,}개"
              "입니다(살아 있는 가설 × 모든 단어). CSV와 JSON 다운로드에 전부 들어 있습니다. 노드 위에 마우스를 "
              "올리면 누적 log 확률이 보입니다. "},
    "beam.greedy_inside": {"en": "The orange band is the greedy translation, wholly inside the tree.",
                           "ko": "주황색 띠는 greedy 번역이며, 트리 안에 모두 있습니다."},
    "beam.greedy_partly": {"en": "The orange band follows the greedy translation for {followed} of its {length} "
                                 "tokens; its next token was not among this beam's extensions.",
                           "ko": "주황색 띠는 greedy 번역의 토큰 {length}개 중 {followed}개까지 따라갑니다; 그다음 "
                                 "토큰은 이 빔의 확장 후보에 없었습니다."},
    "beam.n_best": {"en": "Final n-best (and greedy for comparison)", "ko": "최종 n-best (비교용 greedy 포함)"},
    "beam.hypothesis": {"en": "Finished hypothesis (rank in the n-best)", "ko": "완료된 가설 (n-best 순위)"},
    "beam.candidate": {"en": "**#{rank}**: {text} — score {score:.4f}, log-prob {log_prob:.4f}",
                       "ko": "**#{rank}**: {text} — 점수 {score:.4f}, log 확률 {log_prob:.4f}"},
    "beam.cross_title": {"en": "Cross-attention of #{rank}, layer {layer}, head {head} (as recorded during the search)",
                         "ko": "#{rank}의 cross-attention, 레이어 {layer}, 헤드 {head} (탐색 중 기록된 값)"},
}
