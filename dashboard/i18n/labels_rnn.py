"""Short UI texts of the recurrent pages (RNN & LSTM, Seq2seq & attention, The flow), in English and Korean,
with the chart templates of dashboard/charts/rnn.py ("chart.rnn.*", the words its builders take) and their table
column headers ("col.*")."""

from __future__ import annotations

RNN_LABELS: dict[str, dict[str, str]] = {
    "nav.rnn_lstm": {"en": "RNN & LSTM", "ko": "RNN과 LSTM"},
    "nav.seq2seq_attention": {"en": "Seq2seq & attention", "ko": "Seq2seq와 어텐션"},
    "nav.flow": {"en": "The flow: RNN to BERT", "ko": "흐름: RNN에서 BERT까지"},
    # Shared controls (dashboard/widgets/rnn.py).
    "rnn.models_caption": {"en": "Recurrent models and the Transformer they are compared with",
                           "ko": "순환 모델과 비교 대상 Transformer"},
    "rnn.recurrent_model": {"en": "Recurrent model (its encoder LSTM)", "ko": "순환 모델 (인코더 LSTM)"},
    "rnn.model_plain": {"en": "Seq2seq without attention", "ko": "어텐션 없는 seq2seq"},
    "rnn.model_attention": {"en": "Seq2seq with attention", "ko": "어텐션 있는 seq2seq"},
    "rnn.model_transformer": {"en": "Transformer", "ko": "트랜스포머 (Transformer)"},
    "rnn.missing": {"en": "This server offers no {kind} model, so this part of the page is not shown.",
                    "ko": "이 서버에는 {kind} 모델이 없어서 이 부분은 보이지 않습니다."},
    # RNN & LSTM page.
    "rnn.title": {"en": "RNN & LSTM: the hidden state, the gates and the gradient over time",
                  "ko": "RNN과 LSTM: 시간에 따른 은닉 상태, 게이트, 기울기"},
    "rnn.layer": {"en": "Encoder layer", "ko": "인코더 레이어"},
    "rnn.hidden_header": {"en": "Hidden state h_t over time", "ko": "시간에 따른 은닉 상태 h_t"},
    "rnn.hidden_title": {"en": "{model}, encoder layer {layer}: h_t, {dims} dimensions × {steps} steps",
                         "ko": "{model}, 인코더 레이어 {layer}: h_t, 차원 {dims}개 × 단계 {steps}개"},
    "rnn.hidden_caption": {
        "en": "Each column is one time step: the LSTM has read the words up to that one. The last column is what "
              "the decoder of a seq2seq model starts from (its context vector, with the cell state).",
        "ko": "각 열이 하나의 시점입니다: LSTM이 그 단어까지 읽은 상태입니다. 마지막 열이 seq2seq 디코더가 시작하는 "
              "값(cell state와 함께 context vector)입니다."},
    "rnn.gates_header": {"en": "The LSTM's gates and cell state over time",
                         "ko": "시간에 따른 LSTM의 게이트와 cell state"},
    "rnn.gates_caption": {
        "en": "Forget gate f_t near 1 keeps the cell state, input gate i_t lets the candidate g_t in, output gate o_t "
              "decides how much of tanh(c_t) becomes h_t. Measured range here: gates {low:.3f} … {high:.3f} "
              "(σ keeps them in [0, 1]), |c_t| up to {cell:.3f}.",
        "ko": "forget gate f_t가 1에 가까우면 cell state를 유지하고, input gate i_t는 후보 g_t를 들여보내며, output "
              "gate o_t는 tanh(c_t) 중 얼마를 h_t로 내보낼지 정합니다. 여기서 측정한 범위: 게이트 {low:.3f} … "
              "{high:.3f} (σ 때문에 [0, 1] 안), |c_t| 최대 {cell:.3f}."},
    "rnn.not_lstm": {"en": "This model's encoder is not an LSTM: it has no cell state or LSTM gates.",
                     "ko": "이 모델의 인코더는 LSTM이 아니라서 cell state와 LSTM 게이트가 없습니다."},
    "rnn.vanilla_header": {"en": "The vanilla RNN, unrolled: h_t = tanh(W x_t + U h_{t−1} + b)",
                           "ko": "vanilla RNN을 시간 순으로 펼치기: h_t = tanh(W x_t + U h_{t−1} + b)"},
    "rnn.vanilla_caption": {
        "en": "One RNN cell reads the sentence word by word: x_t is {model}'s vector for word t, W and U are the "
              "same at every step. This cell is not trained (no translator here is a vanilla RNN): its {hidden} "
              "dimensions start from PyTorch's initialisation (seed {seed}), to show the mechanism, not a skill. "
              "The state is recomputed here from the equation and equals the cell's own forward pass (max "
              "|difference| {diff}).",
        "ko": "RNN 셀 하나가 문장을 한 단어씩 읽습니다: x_t는 {model}의 t번째 단어 벡터이고, W와 U는 모든 스텝에서 "
              "같습니다. 이 셀은 학습되지 않았습니다(여기의 번역기 중 vanilla RNN은 없음): 은닉 차원 {hidden}개가 "
              "PyTorch의 초기화(시드 {seed})에서 시작하므로, 능력이 아니라 동작 방식을 보여 줍니다. 상태는 여기서 "
              "수식대로 다시 계산했고 셀의 forward 결과와 같습니다(최대 |차이| {diff})."},
    "rnn.vanilla_hidden_title": {"en": "vanilla RNN: h_t, {dims} dimensions × {steps} steps",
                                 "ko": "vanilla RNN: h_t, 차원 {dims}개 × 스텝 {steps}개"},
    "rnn.vanilla_influence": {
        "en": "Back-propagation multiplies by U and tanh′ once per step, so the first word's trace in h_t shrinks "
              "step by step: ‖∂h_t/∂x_1‖ is {first:.2e} at the first word and {last:.2e} at the last. This is the "
              "vanishing gradient the chart below measures in trained cells.",
        "ko": "역전파는 스텝마다 U와 tanh′를 한 번씩 곱하므로, h_t에 남은 첫 단어의 흔적이 스텝마다 줄어듭니다: "
              "‖∂h_t/∂x_1‖는 첫 단어에서 {first:.2e}, 마지막 단어에서 {last:.2e}입니다. 아래 그래프가 학습된 셀에서 "
              "측정하는 기울기 소실이 이것입니다."},
    "rnn.vanilla_step": {"en": "Step to compute", "ko": "계산할 스텝"},
    "rnn.vanilla_step_caption": {
        "en": "Step {step} ({token}): every dimension's W x_t + b_ih, U h_{{t−1}} + b_hh, their sum, and h_t = tanh "
              "of the sum.",
        "ko": "스텝 {step} ({token}): 차원마다 W x_t + b_ih, U h_{{t−1}} + b_hh, 그 합, 그리고 h_t = tanh(합)."},
    "rnn.lstm_header": {"en": "The LSTM of {model}", "ko": "{model}의 LSTM"},
    "rnn.gradient_explained": {
        "en": "**What the chart shows.** A loss on the last hidden state (name the first of {length} symbols) is "
              "back-propagated to every input; each line is the gradient's size at input t. A line falling to the "
              "left means the first symbol's signal fades on its way back.\n\n"
              "**At initialisation (dotted)** every default cell loses it: first/last {rnn_initial} for the RNN, "
              "{lstm_initial} for the LSTM, {gru_initial} for the GRU. An LSTM does not keep the gradient by itself: "
              "with its forget-gate bias at 0, f_t = σ(≈ 0) ≈ 0.5, so the cell state is about halved at every step. "
              "With the forget bias set to 1 (σ(1) ≈ 0.73, Gers et al. 2000; Jozefowicz et al. 2015) it starts at "
              "{lstm1_initial}, {lstm1_gain} times more.\n\n"
              "**After training (solid)** the ratio shows what each run learned, not what the cell can carry: "
              "training sends gradient where the loss depends. Over {seeds} seeds the LSTM with forget bias 1 "
              "learned the task every time ({lstm1_learned} of {seeds}, accuracy {lstm1_accuracy}) and its "
              "first/last rose to {lstm1_trained}; the default LSTM never did ({lstm_learned} of {seeds}, "
              "{lstm_accuracy}, chance is 12.5 %) and its ratio fell to {lstm_trained}. The RNN ({rnn_learned} "
              "of {seeds}, {rnn_accuracy}) and the GRU ({gru_learned} of {seeds}, {gru_accuracy}) learned it in "
              "some seeds only, so their trained ratios span both ({rnn_trained}; {gru_trained}).",
        "ko": "**그래프가 보여 주는 것.** 마지막 은닉 상태의 손실(기호 {length}개 중 첫 기호 맞히기)을 모든 입력으로 "
              "역전파합니다. 각 선은 입력 t에 도달한 기울기의 크기입니다. 선이 왼쪽으로 갈수록 떨어지면 첫 기호의 "
              "신호가 거꾸로 오는 길에서 사라진다는 뜻입니다.\n\n"
              "**초기화 시점(점선)**에는 기본 셀이 모두 기울기를 잃습니다: 첫/마지막 비가 RNN {rnn_initial}, LSTM "
              "{lstm_initial}, GRU {gru_initial}. LSTM이라고 저절로 기울기를 지키지는 않습니다: forget gate의 bias가 "
              "0이면 f_t = σ(≈ 0) ≈ 0.5라서 cell state가 스텝마다 절반쯤으로 줄어듭니다. forget bias를 1로 두면"
              "(σ(1) ≈ 0.73, Gers et al. 2000; Jozefowicz et al. 2015) {lstm1_initial}에서 시작해 {lstm1_gain}배 "
              "큽니다.\n\n"
              "**학습 후(실선)** 비율은 셀이 나를 수 있는 양이 아니라 각 실행이 무엇을 배웠는지를 보여 줍니다: "
              "학습은 손실이 의존하는 곳으로 기울기를 보냅니다. 시드 {seeds}개에서 forget bias 1인 LSTM은 매번 과제를 "
              "배웠고({seeds}개 중 {lstm1_learned}개, 정확도 {lstm1_accuracy}) 첫/마지막 비가 {lstm1_trained}로 "
              "올랐습니다. 기본 LSTM은 한 번도 배우지 못했고({seeds}개 중 {lstm_learned}개, {lstm_accuracy}, 우연 "
              "수준 12.5 %) 비율이 {lstm_trained}로 떨어졌습니다. RNN({seeds}개 중 {rnn_learned}개, {rnn_accuracy})과 "
              "GRU({seeds}개 중 {gru_learned}개, {gru_accuracy})는 일부 시드에서만 배워서 학습 후 비율이 "
              "양쪽에 걸칩니다({rnn_trained}; {gru_trained})."},
    "rnn.translators_explained": {
        "en": "**The trained translators.** The model without attention gets the larger gradient at the first "
              "source word ({plain_first} against {attention_first}, {plain_over_attention}×). That does not mean it "
              "remembers more: a gradient's size follows the loss, and the model with attention translates most of "
              "these long sentences right while the one without gets almost none right, so all of the former's "
              "gradients are small. Compare the shape of each line, not their heights: the first word gets "
              "{plain_ratio} of the last word's gradient without attention and {attention_ratio} with it.",
        "ko": "**학습된 번역기.** 어텐션 없는 모델이 첫 원문 단어에서 더 큰 기울기를 받습니다({plain_first} 대 "
              "{attention_first}, {plain_over_attention}배). 더 많이 기억한다는 뜻은 아닙니다: 기울기의 크기는 손실을 "
              "따라가는데, 어텐션 있는 모델은 이 긴 문장들을 대부분 맞게 번역하고 없는 모델은 거의 모두 틀리므로 앞의 "
              "모델의 기울기가 모두 작습니다. 선의 높이가 아니라 모양을 비교하세요: 첫 단어가 받는 기울기는 마지막 "
              "단어의 {plain_ratio}배(어텐션 없이), {attention_ratio}배(어텐션 있을 때)입니다."},
    "rnn.how_made": {"en": "How this was made", "ko": "만든 방법"},
    "rnn.gradient_header": {"en": "Vanishing gradient: RNN vs LSTM vs GRU", "ko": "기울기 소실: RNN, LSTM, GRU 비교"},
    "rnn.gradient_caption": {
        "en": "Measured by `{command}` (torch {torch}): a {hidden}-wide vanilla RNN, LSTM and GRU read {length} random "
              "symbols and must name the first one from the last hidden state; ||dL/dx_t|| is averaged over {batch} "
              "held-out sequences, at initialisation (dotted) and after {steps} training steps (solid).",
        "ko": "`{command}`로 측정(torch {torch}): 너비 {hidden}의 vanilla RNN, LSTM, GRU가 무작위 기호 {length}개를 "
              "읽고 마지막 은닉 상태로 첫 기호를 맞힙니다. ||dL/dx_t||는 학습에 쓰지 않은 {batch}개 시퀀스의 "
              "평균이며, 초기화 시점(점선)과 {steps}번 학습한 뒤(실선)입니다."},
    "rnn.seeds_caption": {
        "en": "Every cell trained again from {seeds} seeds (initialisation and symbols; the curves above are seed "
              "{first}'s): recall accuracy after training as mean ± sample standard deviation and range, how many "
              "seeds reached {learned}, and the range of first/last. One seed's accuracy is one draw: compare cells "
              "by their spread, not by one run.",
        "ko": "각 셀을 시드 {seeds}개(초기화와 기호 모두)로 다시 학습했습니다(위 곡선은 시드 {first}). 학습 후 기억 "
              "정확도의 평균 ± 표본 표준편차와 범위, {learned}에 도달한 시드 수, 첫/마지막 비의 범위입니다. "
              "시드 하나의 정확도는 한 번의 추첨일 뿐이니, 셀끼리는 한 번의 결과가 아니라 퍼짐으로 비교하세요."},
    "rnn.no_gradients": {"en": "The gradient measurement has not been run on this installation yet: run "
                               "`python -m benchmarks recurrence` (it writes {path}).",
                         "ko": "이 설치본에서는 아직 기울기 측정을 실행하지 않았습니다: `python -m benchmarks "
                               "recurrence`를 실행하세요 ({path}에 기록됩니다)."},
    "rnn.translator_gradient_caption": {
        "en": "The same measurement on the shipped translators, trained: ||dL/de_i|| reaching each source word "
              "embedding from the teacher-forced loss of held-out 21-30-word sentences (mean over the sentences "
              "long enough; the hover gives how many).",
        "ko": "같은 측정을 학습된 번역기에 적용: 21-30단어 held-out 문장의 교사 강요 손실에서 각 원문 단어 임베딩에 "
              "도달한 ||dL/de_i|| (그 위치까지 긴 문장들의 평균; 문장 수는 마우스를 올리면 보입니다)."},
    "rnn.state.initial": {"en": "at initialisation", "ko": "초기화 시점"},
    "rnn.state.trained": {"en": "trained", "ko": "학습 후"},
    # Seq2seq & attention page.
    "s2s.title": {"en": "Seq2seq & attention: from one context vector to a look at every word",
                  "ko": "Seq2seq와 어텐션: 하나의 context vector에서 모든 단어를 보는 어텐션으로"},
    "s2s.plain_header": {"en": "1. Seq2seq without attention: one context vector",
                         "ko": "1. 어텐션 없는 seq2seq: 하나의 context vector"},
    "s2s.context_caption": {
        "en": "The decoder of {model} receives only these {numbers} numbers (h and c of {layers} layers × {hidden} "
              "dimensions) from the {words}-word source: the same size for 3 words or 30. The table counts what the "
              "decoder can read in each model for a few lengths.",
        "ko": "{model}의 디코더는 {words}단어짜리 원문에서 이 {numbers}개의 숫자(레이어 {layers}개 × {hidden}차원의 "
              "h와 c)만 받습니다: 3단어든 30단어든 크기가 같습니다(고정된 크기, 정보 손실, 병목). 아래 표는 길이별로 "
              "디코더가 읽을 수 있는 숫자의 수를 셉니다."},
    "s2s.attention_header": {"en": "2. Seq2seq with attention: the alignment and note 004's four steps",
                             "ko": "2. 어텐션 있는 seq2seq: 정렬(alignment)과 노트 004의 네 단계"},
    "s2s.alignment": {"en": "Seq2seq attention (target × source)", "ko": "Seq2seq 어텐션 (번역문 × 원문)"},
    "s2s.transformer_cross": {"en": "Transformer cross-attention, layer {layer}, head {head}",
                              "ko": "Transformer cross-attention, 레이어 {layer}, 헤드 {head}"},
    "s2s.step": {"en": "Decoding step", "ko": "디코딩 단계"},
    "s2s.step_summary": {"en": "Step {step}: the decoder was fed **{fed}** and chose **{predicted}** ({score} score).",
                         "ko": "{step}단계: 디코더 입력은 **{fed}**, 고른 단어는 **{predicted}** ({score} 점수)."},
    "s2s.check": {"en": "The four steps recomputed here in float64 end in the model's own numbers: max |difference| "
                        "{diff} (scores {scores}, weights {weights}, context {context}, [s_t; c_t] {concat}, "
                        "tanh(W_c [s_t; c_t]) {output}).",
                  "ko": "여기서 float64로 다시 계산한 네 단계가 모델의 숫자와 같습니다: 최대 |차이| {diff} "
                        "(점수 {scores}, 가중치 {weights}, context {context}, [s_t; c_t] {concat}, "
                        "tanh(W_c [s_t; c_t]) {output})."},
    "s2s.check_failed": {"en": "The recomputation does not match the model beyond float32 rounding: max |difference| "
                               "{diff} (scores {scores}, weights {weights}, context {context}, [s_t; c_t] {concat}, "
                               "tanh(W_c [s_t; c_t]) {output}).",
                         "ko": "다시 계산한 값이 float32 반올림 오차 이상으로 모델과 다릅니다: 최대 |차이| {diff} "
                               "(점수 {scores}, 가중치 {weights}, context {context}, [s_t; c_t] {concat}, "
                               "tanh(W_c [s_t; c_t]) {output})."},
    "s2s.step4_caption": {
        "en": "Step 4: [s_t; c_t] has {width} numbers (left of the dashed line the decoder state s_t, right the "
              "context c_t); tanh(W_c [s_t; c_t]) is what the output layer reads to choose the word.",
        "ko": "4단계: [s_t; c_t]는 숫자 {width}개입니다(점선 왼쪽이 디코더 상태 s_t, 오른쪽이 context c_t). "
              "tanh(W_c [s_t; c_t])를 출력층이 읽고 단어를 고릅니다."},
    "s2s.accuracy_header": {"en": "3. Accuracy by sentence length", "ko": "3. 문장 길이별 정확도"},
    "s2s.accuracy_training": {
        "en": "Greedy exact match on the held-out test split, stratified by English length ({sentences} sentences "
              "per bucket), as measured when each model was trained.",
        "ko": "영어 길이로 층화한 held-out 테스트 분할(구간마다 {sentences}문장)에서 greedy 완전 일치 비율이며, 각 "
              "모델을 학습할 때 측정한 값입니다."},
    "s2s.accuracy_training_made": {
        "en": "Each model's training.json records these figures (written by `python -m core train translator`; "
              "`python -m core eval translator --by-length` recomputes them with BLEU).",
        "ko": "각 모델의 training.json에 기록된 값입니다(`python -m core train translator`가 기록; "
              "`python -m core eval translator --by-length`로 BLEU와 함께 다시 계산할 수 있습니다)."},
    "s2s.accuracy_measured": {
        "en": "Measured on this server, once: greedy exact match and BLEU on the first {sentences} held-out sentences "
              "of each length bucket (a model here came without figures by length).",
        "ko": "이 서버에서 한 번 측정: 길이 구간마다 held-out 문장 {sentences}개에 대한 greedy 완전 일치와 BLEU"
              "(길이별 값 없이 온 모델이 있어서 직접 측정했습니다)."},
    "s2s.accuracy_measured_made": {
        "en": "Measured by core.analysis.evaluation, the code of `python -m core eval translator --by-length --limit "
              "{sentences}`; some model's training.json has no figures by length.",
        "ko": "core.analysis.evaluation(`python -m core eval translator --by-length --limit {sentences}`과 같은 코드)"
              "으로 측정했습니다. 길이별 값이 없는 training.json이 있습니다."},
    "s2s.forcing_header": {"en": "4. Teacher forcing vs free running",
                           "ko": "4. 교사 강요(teacher forcing)와 자유 실행"},
    "s2s.reference": {"en": "Reference translation (French)", "ko": "정답 번역 (프랑스어)"},
    "s2s.reference_help": {"en": "Empty: the Transformer's translation is used as the reference.",
                           "ko": "비워 두면 Transformer의 번역을 정답으로 씁니다."},
    "s2s.forcing_caption": {
        "en": "{model}, the same {steps} steps twice. Teacher forcing (training) feeds step n the reference's word "
              "n-1; free running (test time) feeds it the model's own prediction at step n-1. Reference: {reference} "
              "({origin}). Free running differs from the reference at {wrong} of {steps} steps.",
        "ko": "{model}, 같은 {steps}단계를 두 번 실행. 교사 강요(학습 단계)는 n단계에 정답의 n-1번째 단어를 넣고, "
              "자유 실행(테스트 단계)은 n-1단계에서 모델이 예측한 단어를 넣습니다. 정답: {reference} ({origin}). "
              "자유 실행의 출력이 정답과 다른 단계: {steps}개 중 {wrong}개."},
    "s2s.origin_typed": {"en": "typed", "ko": "직접 입력"},
    "s2s.origin_transformer": {"en": "the Transformer's translation", "ko": "Transformer의 번역"},
    # The flow page.
    "flow.title": {"en": "The flow: RNN → LSTM → seq2seq → attention → Transformer → GPT-1 → BERT",
                   "ko": "흐름: RNN → LSTM → seq2seq → 어텐션 → Transformer → GPT-1 → BERT"},
    "flow.link.rnn_lstm": {"en": "See it: RNN & LSTM", "ko": "보기: RNN과 LSTM"},
    "flow.link.seq2seq_attention": {"en": "See it: Seq2seq & attention", "ko": "보기: Seq2seq와 어텐션"},
    "flow.link.translation": {"en": "See it: Translation (encoder-decoder)", "ko": "보기: 번역 (인코더-디코더)"},
    "flow.link.attention": {"en": "See it: Attention (every head)", "ko": "보기: 어텐션 (모든 헤드)"},
    "flow.link.masked_lm": {"en": "See it: Masked LM", "ko": "보기: Masked LM"},
    "flow.link.embeddings": {"en": "See it: Embeddings", "ko": "보기: 임베딩"},
    "flow.step.flow_rnn": {"en": "RNN (1986)", "ko": "RNN, 순환 신경망 (1986)"},
    "flow.step.flow_lstm": {"en": "LSTM (1997)", "ko": "LSTM, 장단기 메모리 (1997)"},
    "flow.step.flow_seq2seq": {"en": "Seq2Seq (NIPS 2014)", "ko": "Seq2Seq, 인코더-디코더 (NIPS 2014)"},
    "flow.step.flow_attention": {"en": "Attention (ICLR 2015)", "ko": "어텐션 (ICLR 2015)"},
    "flow.step.flow_transformer": {"en": "Transformer (NIPS 2017)", "ko": "트랜스포머 (NIPS 2017)"},
    "flow.step.flow_gpt1": {"en": "GPT-1 (2018)", "ko": "GPT-1, 사전학습 언어 모델 (2018)"},
    "flow.step.flow_bert": {"en": "BERT (NAACL 2019)", "ko": "BERT, 양방향 인코더 (NAACL 2019)"},
    "flow.home_link": {"en": "The flow: from RNN to BERT", "ko": "흐름: RNN에서 BERT까지"},
    # Charts (dashboard/charts/rnn.py).
    "chart.rnn.time_step": {"en": "time step (input token)", "ko": "시점 (입력 토큰)"},
    "chart.rnn.hidden_dimension": {"en": "hidden dimension", "ko": "은닉 차원"},
    "chart.rnn.influence_axis": {"en": "‖∂h_t / ∂x_1‖ (log scale)", "ko": "‖∂h_t / ∂x_1‖ (로그 눈금)"},
    "chart.rnn.influence_title": {"en": "How much h_t still depends on the first word",
                                  "ko": "h_t가 아직 첫 단어에 얼마나 의존하는지"},
    "chart.rnn.dim": {"en": "dim", "ko": "차원"},
    "chart.rnn.gates_title": {"en": "LSTM gates and cell state over time",
                              "ko": "시간에 따른 LSTM 게이트와 cell state"},
    "chart.rnn.input_gate": {"en": "input gate", "ko": "input gate (입력 게이트)"},
    "chart.rnn.forget_gate": {"en": "forget gate", "ko": "forget gate (망각 게이트)"},
    "chart.rnn.candidate": {"en": "candidate g_t (cell gate)", "ko": "후보 g_t (cell gate)"},
    "chart.rnn.output_gate": {"en": "output gate", "ko": "output gate (출력 게이트)"},
    "chart.rnn.cell_state_c": {"en": "cell state c_t", "ko": "cell state c_t (셀 상태)"},
    "chart.rnn.gate_sigma": {"en": "gate σ", "ko": "게이트 σ"},
    "chart.rnn.tanh": {"en": "tanh", "ko": "tanh 값"},
    "chart.rnn.cell_state": {"en": "cell state", "ko": "셀 상태 (cell state)"},
    "chart.rnn.gate_means": {"en": "Gate means per step", "ko": "단계별 게이트 평균"},
    "chart.rnn.mean_over_dims": {"en": "mean over dimensions", "ko": "차원 평균"},
    "chart.rnn.mean_gate": {"en": "mean {gate}", "ko": "{gate} 평균"},
    "chart.rnn.mean_abs_cell": {"en": "mean abs cell", "ko": "|셀 상태| 평균"},
    "chart.rnn.trained": {"en": "{cell}, trained", "ko": "{cell}, 학습 후"},
    "chart.rnn.initial": {"en": "{cell}, at initialisation", "ko": "{cell}, 초기화 시점"},
    "chart.rnn.gradient_axis": {"en": "gradient norm at the input (log scale)",
                                "ko": "입력에 도달한 기울기 노름 (로그 척도)"},
    "chart.rnn.position_axis": {"en": "input position t (t = 1: the symbol to recall)",
                                "ko": "입력 위치 t (t = 1: 기억해야 할 기호)"},
    "chart.rnn.gradient_title": {"en": "Gradient reaching each input position", "ko": "각 입력 위치에 도달한 기울기"},
    "chart.rnn.translator_gradient_axis": {"en": "gradient norm at the source word (log scale)",
                                           "ko": "원문 단어에 도달한 기울기 노름 (로그 척도)"},
    "chart.rnn.source_position": {"en": "source word position i", "ko": "원문 단어 위치 i"},
    "chart.rnn.translator_gradient_title": {"en": "Trained translators: gradient reaching each source word",
                                            "ko": "학습된 번역기: 각 원문 단어에 도달한 기울기"},
    "chart.rnn.state_layer": {"en": "state (layer)", "ko": "상태 (레이어)"},
    "chart.rnn.context_title": {"en": "Context vector: {n} numbers", "ko": "Context vector: 숫자 {n}개"},
    "chart.rnn.source_token": {"en": "source token", "ko": "원문 토큰"},
    "chart.rnn.encoder_states": {"en": "1. encoder hidden states h_i", "ko": "1. 인코더 은닉 상태 h_i"},
    "chart.rnn.dot_scores": {"en": "2. scores s_t · h_i", "ko": "2. 점수 s_t · h_i (내적)"},
    "chart.rnn.additive_scores": {"en": "2. scores v·tanh(W_q s_t + W_k h_i)",
                                  "ko": "2. 점수 v·tanh(W_q s_t + W_k h_i)"},
    "chart.rnn.weights": {"en": "2. softmax weights a_i", "ko": "2. softmax 가중치 a_i"},
    "chart.rnn.score": {"en": "score", "ko": "점수"},
    "chart.rnn.here": {"en": "here", "ko": "여기서 계산"},
    "chart.rnn.context_step": {"en": "3. context c_t = Σ a_i h_i", "ko": "3. context c_t = Σ a_i h_i (가중합)"},
    "chart.rnn.concat_step": {"en": "4. concatenation [s_t; c_t]", "ko": "4. 연결(concatenate) [s_t; c_t]"},
    "chart.rnn.words_axis": {"en": "English words in the source", "ko": "원문의 영어 단어 수"},
    "chart.rnn.exact_axis": {"en": "exact match (%)", "ko": "완전 일치 (%)"},
    "chart.rnn.accuracy_title": {"en": "Exact match by source length", "ko": "원문 길이별 완전 일치"},
    # Table columns (display only; downloads keep the English keys).
    "col.cell": {"en": "cell", "ko": "셀 종류"},
    "col.state": {"en": "state", "ko": "상태"},
    "col.first_position": {"en": "gradient at the first position", "ko": "첫 위치의 기울기"},
    "col.last_position": {"en": "gradient at the last position", "ko": "마지막 위치의 기울기"},
    "col.first_over_last": {"en": "first / last", "ko": "첫 위치 / 마지막 위치"},
    "col.seeds": {"en": "seeds", "ko": "시드 수"},
    "col.mean_accuracy": {"en": "mean accuracy after training", "ko": "학습 후 정확도 평균"},
    "col.std_accuracy": {"en": "accuracy, standard deviation", "ko": "정확도 표준편차"},
    "col.min_accuracy": {"en": "lowest accuracy", "ko": "최저 정확도"},
    "col.max_accuracy": {"en": "highest accuracy", "ko": "최고 정확도"},
    "col.learned": {"en": "seeds that learned it", "ko": "학습에 성공한 시드 수"},
    "col.initial_ratio_min": {"en": "first / last at initialisation, lowest", "ko": "초기화 시점 첫/마지막 최소"},
    "col.initial_ratio_max": {"en": "first / last at initialisation, highest", "ko": "초기화 시점 첫/마지막 최대"},
    "col.trained_ratio_min": {"en": "first / last trained, lowest", "ko": "학습 후 첫/마지막 최소"},
    "col.trained_ratio_max": {"en": "first / last trained, highest", "ko": "학습 후 첫/마지막 최대"},
    "col.source_words": {"en": "source words", "ko": "원문 단어 수"},
    "col.context_numbers": {"en": "without attention: numbers in the context", "ko": "어텐션 없이: context 숫자 수"},
    "col.attention_numbers": {"en": "with attention: start state + encoder states, numbers",
                              "ko": "어텐션 있을 때: 시작 상태 + 인코더 상태 숫자 수"},
    "col.score_model": {"en": "model's score", "ko": "모델의 점수"},
    "col.weight": {"en": "weight", "ko": "가중치"},
    "col.weight_model": {"en": "model's weight", "ko": "모델의 가중치"},
    "col.encoder_state_norm": {"en": "encoder state norm", "ko": "인코더 상태 노름"},
    "col.dimension": {"en": "dimension", "ko": "차원"},
    "col.input_part": {"en": "W x_t + b_ih", "ko": "W x_t + b_ih (입력 부분)"},
    "col.recurrent_part": {"en": "U h_t−1 + b_hh", "ko": "U h_t−1 + b_hh (순환 부분)"},
    "col.pre_activation": {"en": "sum", "ko": "합"},
    "col.hidden": {"en": "h_t = tanh(sum)", "ko": "h_t = tanh(합)"},
    "col.step": {"en": "step", "ko": "단계"},
    "col.reference": {"en": "reference", "ko": "정답"},
    "col.teacher_forcing_fed": {"en": "teacher forcing: fed", "ko": "교사 강요: 입력"},
    "col.teacher_forcing_predicted": {"en": "teacher forcing: predicted", "ko": "교사 강요: 예측"},
    "col.free_running_fed": {"en": "free running: fed", "ko": "자유 실행: 입력"},
    "col.free_running_predicted": {"en": "free running: predicted", "ko": "자유 실행: 예측"},
    "col.free_running_matches": {"en": "free running = reference", "ko": "자유 실행 = 정답"},
    "col.model": {"en": "model", "ko": "모델"},
    "col.bucket": {"en": "words in the sentence", "ko": "단어 수 구간"},
    "col.sentences": {"en": "sentences", "ko": "문장 수"},
    "col.exact_match": {"en": "exact match", "ko": "완전 일치"},
    "col.bleu": {"en": "BLEU", "ko": "BLEU 점수"},
}
