"""Short UI texts of the encoder-decoder pages (translation, beam search), in English and Korean."""

from __future__ import annotations

TRANSFORMER_LABELS: dict[str, dict[str, str]] = {
    # Translation.
    "translation.title": {"en": "Translation: encoder, masked decoder, cross-attention",
                          "ko": "번역: 인코더, 마스크된 디코더, cross-attention"},
    "translation.best": {
        "en": "Best of a width-{beam} beam search (length penalty α = {alpha}): score {score:.4g}, "
              "log-prob {log_prob:.4g}. The Beam search page shows the whole search.",
        "ko": "너비 {beam}의 빔 서치(길이 페널티 α = {alpha})에서 가장 좋은 번역: 점수 {score:.4g}, "
              "log 확률 {log_prob:.4g}. 전체 탐색은 빔 서치 페이지에서 볼 수 있습니다."},
    "translation.step": {"en": "Step (generated token)", "ko": "단계 (생성된 토큰)"},
    "translation.step_header": {"en": "Step {step} of {steps}: decoder layer {layer}, head {head}",
                                "ko": "단계 {step}/{steps}: 디코더 레이어 {layer}, 헤드 {head}"},
    "translation.decoder_self": {"en": "Decoder masked self-attention", "ko": "디코더 masked self-attention"},
    "translation.look_ahead": {"en": "Grey × cells: the look-ahead mask (a later word; −∞ before the softmax).",
                               "ko": "회색 × 칸: look-ahead mask(미래 단어; softmax 전에 −∞)."},
    "translation.cross": {"en": "Cross-attention (alignment)", "ko": "Cross-attention (정렬)"},
    "translation.cross_heads": {"en": "Cross-attention, every head of decoder layer {layer}",
                                "ko": "Cross-attention: 디코더 레이어 {layer}의 모든 헤드"},
    "translation.decoder_header": {"en": "Decoder: one step at a time", "ko": "디코더: 한 단계씩"},
    "translation.fixed_scale": {"en": "Colour scale fixed to 0–1", "ko": "색 범위를 0–1로 고정"},
    "translation.fixed_scale_help": {
        "en": "Off: the colours span 0 to the largest weight shown, so small weights stay visible. On: 0 to 1, "
              "the same for every chart.",
        "ko": "끄면 색이 0부터 화면의 가장 큰 가중치까지라서 작은 값도 보입니다. 켜면 모든 차트가 0–1로 같습니다."},
    "translation.next_word_caption": {
        "en": "The decoder's softmax over all {words} French tokens at this step, teacher-forced on the translation "
              "above; the {shown} most probable are drawn, the other words share {rest:.3g}. Orange: the word the "
              "translation took.",
        "ko": "이 단계에서 디코더가 프랑스어 토큰 {words}개 전체에 대해 낸 softmax 확률입니다(위 번역으로 teacher "
              "forcing). 가장 높은 {shown}개를 그렸고, 나머지 단어들이 {rest:.3g}를 나눠 가집니다. 주황색: 번역이 "
              "고른 단어."},
    "translation.encoder_section": {"en": "Encoder self-attention", "ko": "인코더 self-attention"},
    "translation.encoder_layer": {"en": "Encoder layer", "ko": "인코더 레이어"},
    "translation.encoder_head": {"en": "Encoder head", "ko": "인코더 헤드"},
    "translation.encoder_header": {"en": "Encoder self-attention: layer {layer}, head {head}",
                                   "ko": "인코더 self-attention: 레이어 {layer}, 헤드 {head}"},
    "translation.encoder_heads": {"en": "Encoder self-attention, every head of encoder layer {layer}",
                                  "ko": "인코더 self-attention: 인코더 레이어 {layer}의 모든 헤드"},
    # Translator names (both pages' picker).
    "translator.arch_transformer": {"en": "Transformer", "ko": "트랜스포머 (Transformer)"},
    "translator.arch_seq2seq": {"en": "Seq2seq LSTM, no attention", "ko": "Seq2seq LSTM (attention 없음)"},
    "translator.arch_attention": {"en": "Seq2seq LSTM + attention", "ko": "Seq2seq LSTM + 어텐션"},
    # The lecture's pair as presets, and the notices of a translation not to be trusted.
    "translator.presets": {"en": "The lecture's pair: \"it\" is il or elle in French",
                           "ko": "강의의 두 문장: 프랑스어에서 \"it\"은 il 또는 elle"},
    "translator.preset_tired": {"en": "… too tired (it = the animal)", "ko": "… too tired (it = 동물)"},
    "translator.preset_wide": {"en": "… too wide (it = the street)", "ko": "… too wide (it = 길)"},
    "translator.random_words": {"en": "Random sentence: words", "ko": "무작위 문장: 단어 수"},
    "translator.random": {"en": "Random sentence of {words} words", "ko": "단어 {words}개의 무작위 문장"},
    "translator.random_help": {
        "en": "A new sentence the translator's grammar writes (every word known to it), drawn with the next seed; "
              "the link keeps the sentence and the seed.",
        "ko": "번역기의 생성 문법이 쓰는 새 문장(모든 단어를 번역기가 압니다). 다음 시드로 뽑으며, "
              "링크에 문장과 시드가 남습니다."},
    "translator.random_drawn": {"en": "Random sentence {seed} of {words} words (data version {version})",
                                "ko": "무작위 문장 {seed}번, 단어 {words}개 (데이터 버전 {version})"},
    "translator.unknown_words": {
        "en": "The sentence has unknown word(s) {words}: {model} has no embedding for them (it learned the {known} "
              "English words of data version {version} of the generated grammar), so it cannot translate this "
              "sentence.",
        "ko": "모르는 단어 {words}: {model}에는 이 단어들의 임베딩이 없습니다(생성 문법 데이터 버전 {version}의 영어 "
              "단어 {known}개를 배웠습니다). 그래서 이 문장을 번역할 수 없습니다."},
    "translator.world_pending": {
        "en": "Every one of these words belongs to the story world's grammar (data version 3: the animals, things "
              "and causal sentences BERT and GPT learn from, with il / elle chosen by the noun \"it\" means). "
              "No translator trained on it is offered on this server.",
        "ko": "이 단어들은 모두 이야기 세계의 문법(데이터 버전 3: BERT와 GPT가 배우는 동물, 사물, 인과 문장, "
              "\"it\"이 가리키는 명사에 따라 il / elle을 고름)에 있습니다. 이 서버에는 그 문법으로 학습한 번역기가 "
              "없습니다."},
    "translator.world_offered": {
        "en": "Every one of these words belongs to the story world's grammar (data version 3: the animals, things "
              "and causal sentences BERT and GPT learn from). {world} learned it: choose it in the sidebar.",
        "ko": "이 단어들은 모두 이야기 세계의 문법(데이터 버전 3: BERT와 GPT가 배우는 동물, 사물, 인과 문장)에 "
              "있습니다. {world}이(가) 그 문법을 배웠으니 사이드바에서 고르세요."},
    "translator.notice_cut": {
        "en": "This translation was cut by the maximum length ({limit} tokens): its `</s>` was forced, so it was "
              "stopped, not finished.",
        "ko": "이 번역은 최대 길이({limit} 토큰)에서 잘렸습니다: `</s>`를 강제로 붙였으므로 끝난 것이 아니라 "
              "멈춘 것입니다."},
    "translator.notice_loop": {
        "en": "This translation repeats \"{ngram}\" three times or more: the decoder is stuck in a loop.",
        "ko": "이 번역은 \"{ngram}\"을(를) 세 번 이상 되풀이합니다: 디코더가 같은 곳을 맴돌고 있습니다."},
    "translator.notice_low_score": {
        "en": "This translation may be wrong: its score {score:.3f} (log-prob / length^α) is below {threshold:.3f}, "
              "which only {quantile:.0%} of held-out sentences of the model's grammar fall below (false alarms "
              "measured on other held-out sentences: {false_alarms:.1%}). The sentence may have a shape the grammar "
              "never produces.",
        "ko": "이 번역은 틀렸을 수 있습니다: 점수 {score:.3f}(log 확률 / 길이^α)가 {threshold:.3f}보다 낮습니다. "
              "모델 문법의 학습에 쓰지 않은 문장 중 {quantile:.0%}만 이보다 낮습니다(다른 문장에서 잰 오경보 "
              "비율: {false_alarms:.1%}). 문법이 만들지 않는 형태의 문장일 수 있습니다."},
    # Beam search.
    "beam.title": {"en": "Beam search: the whole tree", "ko": "빔 서치: 탐색 트리 전체"},
    "beam.width": {"en": "Beam width K", "ko": "빔 너비 K"},
    "beam.width_help": {"en": "Hypotheses kept at every step. 1 is greedy decoding.",
                        "ko": "단계마다 남기는 가설 수. 1이면 greedy decoding입니다."},
    "beam.max_length": {"en": "Maximum length", "ko": "최대 길이"},
    "beam.max_length_help": {"en": "Tokens, </s> included; at the last step only </s> may follow (a hypothesis "
                                   "ended there is cut, not finished). 0: follows the source, twice its tokens "
                                   "plus 10, the rule of the translate command and the held-out evaluation.",
                             "ko": "</s>를 포함한 토큰 수; 마지막 단계에서는 </s>만 올 수 있습니다(거기서 끝난 가설은 "
                                   "완료가 아니라 잘림). 0: 원문을 따릅니다. 원문 토큰 수의 두 배 더하기 10으로, "
                                   "translate 명령과 평가의 규칙입니다."},
    "beam.max_length_auto": {"en": "Maximum length {limit} tokens: it follows the source ({tokens} tokens × 2 + 10).",
                             "ko": "최대 길이 {limit} 토큰: 원문({tokens} 토큰)을 따릅니다(× 2 + 10)."},
    "beam.alpha": {"en": "Length penalty α", "ko": "길이 페널티 α"},
    "beam.alpha_help": {"en": "Final score = log-prob / length^α; 0 ranks by raw log-prob.",
                        "ko": "최종 점수 = log 확률 / 길이^α; 0이면 log 확률 그대로 순위를 매깁니다."},
    "beam.show_pruned": {"en": "Show pruned hypotheses", "ko": "가지치기된 가설 보이기"},
    "beam.show_pruned_help": {"en": "Pruned hypotheses are the extensions that lost their place in the beam. From "
                                    "width 5 on they start hidden: 2K per step crowd the picture.",
                              "ko": "가지치기된 가설은 빔 자리를 얻지 못한 확장입니다. 너비 5부터는 단계마다 2K개라 "
                                    "그림이 복잡해서 처음에는 숨깁니다."},
    "beam.tree_step": {"en": "Show the search up to step", "ko": "이 단계까지 탐색 보기"},
    "beam.tree_step_help": {"en": "Replay the search: the tree as it stood after this many tokens.",
                            "ko": "탐색을 다시 보기: 토큰을 이만큼 생성했을 때의 트리."},
    "beam.window": {"en": "A long search: the chart shows {window} steps up to the step slider's; drag the chart "
                          "or move the slider to see the rest.",
                    "ko": "긴 탐색이라 차트는 슬라이더의 단계까지 {window}단계를 보여 줍니다; 나머지는 차트를 끌거나 "
                          "슬라이더를 움직여 보세요."},
    "beam.highlight": {"en": "Highlight the path to a hypothesis", "ko": "가설까지의 경로 강조"},
    "beam.highlight_placeholder": {"en": "a hypothesis that lived on at step {step}…",
                                   "ko": "{step}단계에서 살아남은 가설…"},
    "beam.highlight_option": {"en": "{text} ({fate}, score {score})", "ko": "{text} ({fate}, 점수 {score})"},
    "beam.fate_kept": {"en": "kept", "ko": "남음"},
    "beam.fate_finished": {"en": "finished", "ko": "완료"},
    "beam.fate_cut": {"en": "cut by the maximum length", "ko": "최대 길이에서 잘림"},
    "beam.fate_pruned": {"en": "pruned", "ko": "가지치기됨"},
    "beam.fate_root": {"en": "root", "ko": "뿌리"},
    "beam.at_step": {"en": "**After step {step}**: the hypotheses that lived on (rank 1 = the step's best extension)",
                     "ko": "**{step}단계 후**: 살아남은 가설들 (순위 1 = 그 단계의 가장 좋은 확장)"},
    "beam.empty_hypothesis": {"en": "(empty: </s> first, no word)", "ko": "(빈 번역: 첫 토큰이 </s>, 단어 없음)"},
    "beam.no_attention": {"en": "This model has no attention: its decoder reads one context vector, the encoder's "
                                "last state, not the source positions, so there is no alignment to draw.",
                          "ko": "이 모델에는 attention이 없습니다: 디코더는 원문 위치가 아니라 인코더의 마지막 상태인 "
                                "context 벡터 하나만 읽으므로 그릴 정렬(alignment)이 없습니다."},
    # Held-out examples where beam search beats greedy (models/beam_examples.json).
    "beam.examples_title": {"en": "Examples where beam search beats greedy (held-out sentences)",
                            "ko": "빔 서치가 greedy보다 나은 예 (학습에 쓰지 않은 문장)"},
    "beam.examples_counts": {
        "en": "{model} on {sentences} held-out sentences, beam width {beam}, α = {alpha}: beam right and greedy "
              "wrong on {beam_right_greedy_wrong}, greedy right and beam wrong on {greedy_right_beam_wrong}; the two "
              "translations differ on {beam_differs}.",
        "ko": "{model}, 학습에 쓰지 않은 문장 {sentences}개, 빔 너비 {beam}, α = {alpha}: 빔만 맞힌 문장 "
              "{beam_right_greedy_wrong}개, greedy만 맞힌 문장 {greedy_right_beam_wrong}개; 두 번역이 다른 문장 "
              "{beam_differs}개."},
    "beam.examples_none": {
        "en": "{model}: no held-out sentence where beam search is right and greedy wrong ({differs} of {sentences} "
              "translations differ at all). This model is so confident that its greedy choice is already the beam's "
              "best; pick another translator in the sidebar to see beam search win.",
        "ko": "{model}: 빔 서치만 맞히고 greedy는 틀린 문장이 없습니다(두 번역이 조금이라도 다른 문장은 "
              "{sentences}개 중 {differs}개). 이 모델은 확신이 커서 greedy의 선택이 곧 빔의 최선입니다. "
              "빔 서치가 이기는 예를 보려면 사이드바에서 다른 번역기를 고르세요."},
    "beam.examples_missing": {"en": "No shipped examples for {model}: run `python -m core eval beam-examples --model "
                                    "{model}` to find them.",
                              "ko": "{model}에 대한 예가 없습니다: `python -m core eval beam-examples --model "
                                    "{model}`로 찾을 수 있습니다."},
    "beam.examples_pick": {"en": "Load an example (sets the sentence, width, α and maximum length)",
                           "ko": "예 불러오기 (문장, 너비, α, 최대 길이를 맞춥니다)"},
    "beam.examples_placeholder": {"en": "choose a sentence…", "ko": "문장을 고르세요…"},
    "beam.examples_command": {"en": "Found by `{command}`.", "ko": "`{command}` 명령으로 찾았습니다."},
    "beam.example_beam_wins": {
        "en": "Held-out reference: **{reference}**. Beam (K = {beam}) finds it: {beam_text}; greedy says "
              "{greedy_text}.",
        "ko": "정답(학습에 쓰지 않은 문장): **{reference}**. 빔(K = {beam})은 정답을 찾습니다: {beam_text}; greedy는 "
              "{greedy_text}."},
    "beam.example_both_right": {
        "en": "Held-out reference: **{reference}**. With these settings both beam (K = {beam}) and greedy find it.",
        "ko": "정답: **{reference}**. 이 설정에서는 빔(K = {beam})과 greedy가 모두 정답을 찾습니다."},
    "beam.example_greedy_wins": {
        "en": "Held-out reference: **{reference}**. With these settings greedy finds it and beam (K = {beam}) "
              "says {beam_text}.",
        "ko": "정답: **{reference}**. 이 설정에서는 greedy가 정답을 찾고 빔(K = {beam})은 {beam_text}."},
    "beam.example_both_wrong": {
        "en": "Held-out reference: **{reference}**. With these settings neither finds it: beam (K = {beam}) says "
              "{beam_text}, greedy {greedy_text}.",
        "ko": "정답: **{reference}**. 이 설정에서는 둘 다 틀립니다: 빔(K = {beam}) {beam_text}, greedy "
              "{greedy_text}."},
    "beam.tree_title": {"en": "{source} — K = {beam}, max length {max_length}, α = {alpha:g}",
                        "ko": "{source} — K = {beam}, 최대 길이 {max_length}, α = {alpha:g}"},
    "beam.tree_caption": {
        "en": "{nodes} nodes after {steps} steps: {kept} kept, {finished} finished, {cut} cut by the maximum length, "
              "{pruned} pruned. These are the "
              "2K extensions compared for the beam at each step, out of {scored:,} hypotheses scored in all (every "
              "live hypothesis × every word); the CSV and JSON downloads hold all of them. Hover a node for its "
              "cumulative log-prob. ",
        "ko": "{steps}단계 동안 노드 {nodes}개: 남김(kept) {kept}, 완료(finished) {finished}, 최대 길이에서 잘림(cut) "
              "{cut}, 가지치기(pruned) {pruned}. 각 단계에서 빔 자리를 두고 비교된 2K개의 확장이며, 점수가 매겨진 "
              "가설은 모두 {scored:,}개"
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
    "beam.candidate": {"en": "**#{rank}**: {text} — score {score:.4g}, log-prob {log_prob:.4g}",
                       "ko": "**#{rank}**: {text} — 점수 {score:.4g}, log 확률 {log_prob:.4g}"},
    "beam.cross_title": {"en": "Cross-attention of #{rank}, layer {layer}, head {head} (as recorded during the search)",
                         "ko": "#{rank}의 cross-attention, 레이어 {layer}, 헤드 {head} (탐색 중 기록된 값)"},
    # Table headers of these pages (the frames keep these stable names for the downloads).
    "col.example_source": {"en": "English (held-out)", "ko": "영어 (학습에 쓰지 않은 문장)"},
    "col.example_reference": {"en": "reference = beam's translation", "ko": "정답 = 빔의 번역"},
    "col.example_greedy": {"en": "greedy's translation", "ko": "greedy의 번역"},
    "col.beam_fate": {"en": "fate", "ko": "결과"},
    # Chart texts of these pages (the words their chart builders take, like labels_charts.py's).
    "chart.beam_path": {"en": "chosen path", "ko": "고른 경로"},
    "chart.beam_cut": {"en": "cut (&lt;/s&gt; forced by the length limit)",
                       "ko": "잘림 (길이 제한으로 &lt;/s&gt; 강제)"},
    "hover.beam_cut": {"en": "cut: &lt;/s&gt; forced by the maximum length", "ko": "잘림: 최대 길이로 &lt;/s&gt; 강제"},
    "chart.next_word_title": {"en": "Next-word probabilities at step {step} (chosen: {token})",
                              "ko": "{step}단계의 다음 단어 확률 (고른 단어: {token})"},
}
