"""Short UI texts of the BERT pages (home, embeddings, attention, arithmetic, positional encoding, masked LM,
coreference, compare), in English and Korean. Tab keys end in the tab's URL code, which stays English."""

from __future__ import annotations

BERT_LABELS: dict[str, dict[str, str]] = {
    "home.title": {"en": "Inside the lecture's models: RNN, LSTM, seq2seq, Transformer, GPT and BERT",
                   "ko": "강의 속 모델 들여다보기: RNN, LSTM, seq2seq, Transformer, GPT, BERT"},
    "home.model": {"en": "Model: {model} · {layers} layers × {heads} heads · width {width} · up to {positions} tokens "
                         "· heads: {outputs}",
                   "ko": "모델: {model} · 레이어 {layers}개 × 헤드 {heads}개 · 너비 {width} · 최대 토큰 {positions}개 "
                         "· 출력 head: {outputs}"},
    "home.no_outputs": {"en": "none", "ko": "없음"},
    # Embeddings.
    "embeddings.pieces": {"en": "WordPiece pieces, as the model reads them:", "ko": "모델이 읽는 WordPiece 조각:"},
    "embeddings.clipped": {
        "en": "Colour: white = 0, red positive, blue negative, clipped at the 99th percentile of |value| (a few "
              "outlier dimensions would otherwise leave the rest white); hover shows the exact value.",
        "ko": "색: 흰색 = 0, 빨강은 양수, 파랑은 음수이며 |값|의 99번째 백분위수에서 잘랐습니다(몇몇 극단적인 차원 "
              "때문에 나머지가 모두 흰색이 되지 않도록). 마우스를 올리면 정확한 값이 보입니다."},
    "embeddings.layer": {"en": "Layer for the second map", "ko": "두 번째 지도의 레이어"},
    "embeddings.pca_labels": {
        "en": "Each label is the word and its position in the sentence, e.g. 'it (9)'. Where many tokens crowd "
              "together (often after the last layers) labels can still overlap: hover a point, or zoom with the "
              "toolbar, to read it.",
        "ko": "각 라벨은 단어와 문장 속 위치입니다(예: 'it (9)'). 토큰이 한곳에 몰리면(마지막 레이어 뒤에 자주) 라벨이 "
              "겹칠 수 있습니다: 점에 마우스를 올리거나 도구 모음으로 확대해 읽으세요.",
    },
    # Attention.
    "attention.model_caption": {
        "en": "Every layer (rows of panels) × head (columns): each panel is one head's attention, a query token per "
              "row (labelled on the left) and a key token per column. Key tokens are named in the hover, not under "
              "each panel: there is no room for them. The One head tab shows one panel with both axes labelled.",
        "ko": "모든 레이어(패널의 행) × 헤드(열): 각 패널은 한 헤드의 어텐션이며, "
              "행은 query 토큰(왼쪽에 라벨), 열은 key 토큰입니다. key 토큰 이름은 패널 아래가 아니라 "
              "마우스를 올렸을 때 보입니다(자리가 없기 때문). '헤드 하나' 탭은 두 축에 모두 라벨이 있는 "
              "패널 하나를 보여 줍니다.",
    },
    "attention.hide_special": {"en": "Hide [CLS] / [SEP]", "ko": "[CLS] / [SEP] 숨기기"},
    "attention.renormalise": {"en": "Renormalise rows to sum to 1", "ko": "행의 합이 1이 되도록 다시 정규화"},
    "attention.tab.Model view": {"en": "Model view", "ko": "모델 뷰"},
    "attention.tab.One head": {"en": "One head", "ko": "헤드 하나"},
    "attention.tab.Head view": {"en": "Head view", "ko": "헤드 뷰"},
    "attention.tab.Token focus": {"en": "Token focus", "ko": "토큰 초점"},
    "attention.tab.Rollout": {"en": "Rollout", "ko": "롤아웃"},
    "attention.fixed_scale": {"en": "Colour scale fixed to [0, 1]", "ko": "색 범위를 [0, 1]로 고정"},
    "attention.fixed_scale_help": {
        "en": "Off: colour runs from 0 to the largest weight shown, so small weights (rollout, long inputs) "
              "stay visible. On: the same [0, 1] scale on every chart, to compare charts.",
        "ko": "끄면 색이 0부터 보이는 가장 큰 가중치까지 이어져 작은 가중치(롤아웃, 긴 입력)도 보입니다. "
              "켜면 모든 차트가 같은 [0, 1] 범위를 써서 차트끼리 비교할 수 있습니다."},
    "attention.lines_query": {"en": "Lines of one token", "ko": "한 토큰의 선만 보기"},
    "attention.all_tokens": {"en": "all tokens", "ko": "모든 토큰"},
    "attention.lines_caption": {
        "en": "Left: each token as a query; right: the keys it reads, the line's thickness its weight. Click a "
              "token's label (or use the picker) to show only its lines; click it again for every token. With one "
              "token chosen, the number after each key is that token's weight (mean over the chosen heads).",
        "ko": "왼쪽은 query로서의 토큰, 오른쪽은 그 토큰이 읽는 key이며 선의 굵기가 가중치입니다. 토큰 이름을 "
              "클릭하면(또는 선택 상자에서 고르면) 그 토큰의 선만 보이고, 다시 클릭하면 모든 토큰의 선이 보입니다. "
              "토큰 하나를 고르면 각 key 뒤의 숫자가 그 토큰의 가중치(고른 헤드들의 평균)입니다."},
    "attention.heads_of_layer": {"en": "Heads of layer {layer}", "ko": "레이어 {layer}의 헤드"},
    "attention.head_option": {"en": "head {head}", "ko": "헤드 {head}"},
    "attention.token_to_follow": {"en": "Token to follow", "ko": "따라갈 토큰"},
    "attention.focus_hidden": {"en": "That token is hidden by the option above; choose another or show [CLS]/[SEP].",
                               "ko": "그 토큰은 위 옵션으로 숨겨져 있습니다. 다른 토큰을 고르거나 "
                                     "[CLS]/[SEP]를 보이게 하세요."},
    "attention.rollout_caption": {
        "en": "Abnar & Zuidema (2020): Â = ½ I + ½ (mean over heads of A), multiplied over layers 1…l.",
        "ko": "Abnar & Zuidema (2020): Â = ½ I + ½ (헤드 평균 A)를 레이어 1…l에 걸쳐 곱합니다."},
    "attention.rollout_title": {"en": "rollout after layer {layer}", "ko": "레이어 {layer}까지의 롤아웃"},
    "attention.rollout_value": {"en": "rollout", "ko": "롤아웃"},
    # Attention arithmetic.
    "arithmetic.query_token": {"en": "Query token", "ko": "Query 토큰"},
    "arithmetic.summary": {"en": "Layer **{layer}**, head **{head}**, query {token} (position {position}), "
                                 "d_k = **{d_k}**: the steps 1–5 of the explanation, in the charts below.",
                           "ko": "레이어 **{layer}**, 헤드 **{head}**, query {token} (위치 {position}), "
                                 "d_k = **{d_k}**: 설명의 1–5단계를 아래 그림에서 따라갑니다."},
    "arithmetic.teaching_head": {
        "en": "Opens on layer {layer}, head {head}: the head this model's training record names as the one that "
              "links a pronoun to the noun it means (its best coreference head), with \"it\" as the query.",
        "ko": "레이어 {layer}, 헤드 {head}에서 시작합니다: 이 모델의 학습 기록이 대명사를 그것이 가리키는 명사와 "
              "잇는 헤드(가장 좋은 상호 참조 헤드)로 꼽은 헤드이며, query는 \"it\"입니다."},
    "arithmetic.mask_some": {"en": "Mask: {masked} of {total} keys are padding and get −∞ before the softmax.",
                             "ko": "마스크: key {total}개 중 {masked}개가 padding이라 softmax 전에 −∞가 됩니다."},
    "arithmetic.mask_none": {"en": "Mask: this input has no padding, so no key is masked (every score stays).",
                             "ko": "마스크: 이 입력에는 padding이 없어 가려지는 key가 없습니다(모든 점수가 남습니다)."},
    "arithmetic.check": {"en": "Check: max |softmax here − model's attention row| = {row}; "
                               "max |Σ softmax·v here − model's head output| = {context}",
                         "ko": "검산: 최대 |여기서 계산한 softmax − 모델의 어텐션 행| = {row}; "
                               "최대 |여기서 계산한 Σ softmax·v − 모델의 헤드 출력| = {context}"},
    # Positional encoding.
    "positional.no_model": {"en": "Choose a model that loads in the sidebar to compare with its learned position "
                                  "embeddings.",
                            "ko": "학습된 위치 임베딩과 비교하려면 사이드바에서 불러올 수 있는 모델을 고르세요."},
    "positional.positions": {"en": "Positions", "ko": "위치 수"},
    "positional.dims": {"en": "Dimensions for the curves", "ko": "곡선으로 그릴 차원"},
    "positional.sinusoidal": {"en": "Sinusoidal (Transformer, sec. 3.5)",
                              "ko": "사인파 위치 인코딩 (Transformer 3.5절)"},
    "positional.sin_curves": {"en": "sin / cos curves", "ko": "sin / cos 곡선"},
    "positional.sin_heatmap": {"en": "sinusoidal PE: position × dimension", "ko": "사인파 PE: 위치 × 차원"},
    "positional.sin_similarity": {"en": "sinusoidal PE: dot product PE(p)·PE(q)", "ko": "사인파 PE: 내적 PE(p)·PE(q)"},
    "positional.learned": {"en": "Learned by {model} (not sinusoids)",
                           "ko": "{model}이(가) 학습한 위치 임베딩 (사인파 아님)"},
    "positional.learned_curves": {"en": "learned position embedding, same dimensions",
                                  "ko": "학습된 위치 임베딩, 같은 차원"},
    "positional.learned_heatmap": {"en": "learned position embeddings: position × dimension",
                                   "ko": "학습된 위치 임베딩: 위치 × 차원"},
    "positional.clipped": {
        "en": "Colour: white = 0, red positive, blue negative, clipped at the 99th percentile of |value| so a few "
              "outliers do not wash the map out; hover shows the exact value.",
        "ko": "색: 흰색 = 0, 빨강은 양수, 파랑은 음수이며, 몇몇 극단값 때문에 지도가 흐려지지 않도록 |값|의 "
              "99번째 백분위수에서 잘랐습니다. 마우스를 올리면 정확한 값이 보입니다."},
    "positional.untrained": {
        "en": "{model} was pre-trained with inputs cut at {configured} tokens, but its stories never got that long. "
              "The norms of its position embeddings (chart below) show how far training reached: positions "
              "0–{last} got gradients, so the longest input it saw had {reach} tokens ([CLS] A [SEP] B [SEP]). "
              "From position {reach} on every row has the norm of a row no input reached ({norm} ± {spread}, as "
              "at positions {configured}–{end}): positions {reach}–{end} were never trained (grey on the maps).",
        "ko": "{model}은(는) 최대 {configured}개 토큰으로 자른 입력으로 사전 학습되었지만, 이야기가 그만큼 길었던 적은 "
              "없습니다. 위치 임베딩의 노름(아래 그림)이 학습이 어디까지 닿았는지 보여 줍니다: 위치 0–{last}만 "
              "gradient를 받았으므로 본 입력 중 가장 긴 것은 {reach}개 토큰([CLS] A [SEP] B [SEP])이었습니다. "
              "위치 {reach}부터는 모든 행의 노름이 어떤 입력도 닿지 않은 행의 노름({norm} ± {spread}, 위치 "
              "{configured}–{end}와 같음)입니다: 위치 {reach}–{end}는 한 번도 학습되지 않았습니다(지도에서 회색)."},
    "positional.norms_title": {"en": "{model}: norm of each learned position embedding",
                               "ko": "{model}: 학습된 위치 임베딩마다의 노름"},
    "positional.learned_similarity": {"en": "learned: dot product P(p)·P(q)", "ko": "학습된 임베딩: 내적 P(p)·P(q)"},
    # Masked LM.
    "masked_lm.no_head": {"en": "{model} has no masked-LM head (its checkpoint holds only the encoder), so it cannot "
                                "predict masked tokens. Choose a model saved with its MLM head.",
                          "ko": "{model}에는 masked-LM head가 없어(체크포인트에 인코더만 있음) 가려진 토큰을 예측할 수 "
                                "없습니다. MLM head와 함께 저장된 모델을 고르세요."},
    "masked_lm.tokens_to_mask": {"en": "Tokens to mask (or write [MASK] in the sentence)",
                                 "ko": "가릴 토큰 (또는 문장에 [MASK]를 쓰세요)"},
    "masked_lm.top_k": {"en": "Top k", "ko": "상위 k개"},
    "masked_lm.reads": {"en": "What the model reads:", "ko": "모델이 읽는 입력:"},
    "masked_lm.no_mask": {"en": "No [MASK] in the input: write [MASK] in the sentence or pick tokens to mask above.",
                          "ko": "입력에 [MASK]가 없습니다: 문장에 [MASK]를 쓰거나 위에서 가릴 토큰을 고르세요."},
    "masked_lm.domain": {
        "en": "{model} was pre-trained only on generated short stories, so it knows their words and sentence "
              "patterns, not English at large: \"{inside}\" gets {inside_top}, but \"{outside}\" gets "
              "{outside_top}. Sentences like these work; replace a word with [MASK]:",
        "ko": "{model}은(는) 생성된 짧은 이야기로만 사전 학습되어, 일반 영어가 아니라 그 이야기의 단어와 문장 형태만 "
              "압니다: \"{inside}\"에는 {inside_top}이(가) 나오지만 \"{outside}\"에는 {outside_top}이(가) "
              "나옵니다. 아래와 같은 문장이 잘 맞습니다. 단어 하나를 [MASK]로 바꿔 보세요:"},
    "masked_lm.no_nsp": {"en": "{model} has no next-sentence-prediction head.",
                         "ko": "{model}에는 다음 문장 예측(NSP) head가 없습니다."},
    "masked_lm.nsp": {"en": "NSP: P(sentence B follows sentence A)", "ko": "NSP: P(문장 B가 문장 A 다음에 옴)"},
    "masked_lm.add_b": {"en": "Add sentence B in the sidebar to see the next-sentence-prediction probability.",
                        "ko": "다음 문장 예측 확률을 보려면 사이드바에 문장 B를 입력하세요."},
    # Lecture presets (dashboard/presets.py, dashboard/widgets/presets.py).
    "preset.label": {"en": "Lecture presets", "ko": "강의 예문"},
    "preset.placeholder": {"en": "Choose a sentence from the lecture…", "ko": "강의 예문을 고르세요…"},
    "preset.help": {"en": "Fills the sentence in the sidebar; the known answer is shown below.",
                    "ko": "사이드바의 문장을 채웁니다. 알려진 정답은 아래에 보입니다."},
    "preset.antecedent": {"en": "Known answer: \"{pronoun}\" means **{answer}**.",
                          "ko": "알려진 정답: \"{pronoun}\"은(는) **{answer}**을(를) 가리킵니다."},
    "preset.reference": {"en": "Reference translation: **{answer}**", "ko": "정답 번역: **{answer}**"},
    "preset.tired": {"en": "Notes: the animal … too tired (it = animal)",
                     "ko": "노트: the animal … too tired (it = animal)"},
    "preset.wide": {"en": "Notes: the animal … too wide (it = street)",
                    "ko": "노트: the animal … too wide (it = street)"},
    "preset.tall": {"en": "Notes: a boy … the tree … too tall (it = tree)",
                    "ko": "노트: a boy … the tree … too tall (it = tree)"},
    "preset.note.tall": {"en": "The shipped tiny-bert answers *boy* here (0.67): its stories never call a person "
                                "too tall and never say \"who is looking at\", so this sentence tests how it "
                                "generalises outside its world (the README's tiny-bert section).",
                          "ko": "기본 tiny-bert는 여기서 *boy*라고 답합니다(0.67): 학습 이야기에는 사람이 너무 크다"
                                "(too tall)는 말도, \"who is looking at\"도 없어서, 이 문장은 모델이 자기 세계 밖으로 "
                                "얼마나 일반화하는지를 시험합니다(README의 tiny-bert 절)."},
    "preset.student": {"en": "Notes: I am a student", "ko": "노트: I am a student"},
    "preset.black_cat": {"en": "Notes: the black cat", "ko": "노트: the black cat"},
    "preset.mask_tired": {"en": "Masked LM: … because it was too [MASK]", "ko": "마스크: … because it was too [MASK]"},
    "preset.mask_mat": {"en": "Masked LM: the cat sat on the [MASK]", "ko": "마스크: the cat sat on the [MASK]"},
    "preset.nsp_story": {"en": "Two sentences that follow (NSP)", "ko": "이어지는 두 문장 (NSP)"},
    "preset.sleds": {"en": "A story sentence the model knows well", "ko": "모델이 잘 아는 이야기 문장"},
    "preset.bank": {"en": "The same words in two places (dog, sat)", "ko": "두 자리에 나오는 같은 단어 (dog, sat)"},
    "preset.long_source": {"en": "A long sentence (20 words) the translators know",
                           "ko": "번역기가 아는 긴 문장 (20단어)"},
    # Home's "How to use": one line per page of the sidebar (dashboard/navigation.py), shown under its section.
    "home.how_to_use": {"en": "How to use each page", "ko": "페이지별 사용법"},
    "home.page.home": {"en": "this page: what the dashboard is and where to start.",
                       "ko": "이 페이지: 대시보드가 무엇이고 어디서 시작하는지."},
    "home.page.flow": {"en": "the lecture's timeline from word embeddings to BERT; each step links to its page.",
                       "ko": "단어 임베딩에서 BERT까지 강의의 흐름. 단계마다 해당 페이지로 이어집니다."},
    "home.page.word_embeddings": {
        "en": "words as vectors: a map of the vocabulary, nearest neighbours, king − man + woman.",
        "ko": "벡터로 나타낸 단어: 어휘 지도, 가장 가까운 단어, king − man + woman."},
    "home.page.rnn_lstm": {
        "en": "type an English sentence in the sidebar: a vanilla RNN and a trained LSTM read it step by step; the "
              "vanishing-gradient chart, explained.",
        "ko": "사이드바에 영어 문장을 쓰면 vanilla RNN과 학습된 LSTM이 한 스텝씩 읽습니다. 기울기 소실 그래프와 설명."},
    "home.page.seq2seq_attention": {
        "en": "the same sentence through a translator without attention and one with it: the context vector, the "
              "alignment, teacher forcing.",
        "ko": "같은 문장을 어텐션 없는 번역기와 있는 번역기에 넣어 봅니다: context 벡터, 정렬, 교사 강요."},
    "home.page.translation": {
        "en": "the Transformer translator's three attentions (encoder, masked decoder, cross), step by step.",
        "ko": "Transformer 번역기의 세 가지 어텐션(인코더, 가려진 디코더, cross)을 한 단계씩."},
    "home.page.beam_search": {"en": "the whole search tree of a translation; change the beam width and watch it.",
                              "ko": "번역의 탐색 트리 전체. 빔 너비를 바꾸며 살펴보세요."},
    "home.page.attention_arithmetic": {
        "en": "one query in one head with real numbers: q, k, v, q·k, ÷√d_k, mask, softmax, the weighted sum.",
        "ko": "헤드 하나의 query 하나를 실제 숫자로: q, k, v, q·k, ÷√d_k, 마스크, softmax, 가중합."},
    "home.page.positional_encoding": {
        "en": "the sinusoids of the Transformer beside BERT's learned positions, and how far training reached.",
        "ko": "Transformer의 사인파와 BERT가 학습한 위치 임베딩, 그리고 학습이 어디까지 닿았는지."},
    "home.page.gpt_next_word": {"en": "GPT predicts the next word from the left context only (masked attention).",
                                "ko": "GPT는 왼쪽 문맥만 보고 다음 단어를 예측합니다(가려진 어텐션)."},
    "home.page.gpt_vs_bert": {"en": "GPT and BERT side by side on one sentence: one direction against two.",
                              "ko": "한 문장에서 GPT와 BERT를 나란히: 한 방향 대 양방향."},
    "home.page.embeddings": {
        "en": "BERT's input: token + segment + position embeddings, and where each word moves layer by layer.",
        "ko": "BERT의 입력: token + segment + position 임베딩, 그리고 층마다 단어가 움직이는 곳."},
    "home.page.attention": {
        "en": "every layer's and head's attention; follow one token (say \"it\") through all of them.",
        "ko": "모든 레이어와 헤드의 어텐션. 토큰 하나(예: \"it\")를 끝까지 따라가 보세요."},
    "home.page.masked_lm": {"en": "hide a word with [MASK] and see BERT's guesses; switch heads off.",
                            "ko": "[MASK]로 단어를 가리고 BERT의 추측을 봅니다. 헤드를 꺼 볼 수도 있습니다."},
    "home.page.coreference": {"en": "which heads link \"it\" to the noun it means, and what the model answers.",
                              "ko": "\"it\"을 가리키는 명사와 잇는 헤드는 어디이고, 모델은 무엇이라고 답하는지."},
    "home.page.compare": {"en": "one sentence through two models side by side, checked against `transformers`.",
                          "ko": "한 문장을 두 모델에 나란히 넣고 `transformers`와 비교합니다."},
}
