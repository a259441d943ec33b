"""Explanations of the recurrent pages (RNN & LSTM, Seq2seq & attention) and of the flow's seven steps, in
English and Korean, drawn from the seed lecture notes 001-004 (the Korean follows their wording).
Markdown written by us, never user text."""

from __future__ import annotations

RNN_PAGES: dict[str, dict[str, str]] = {
    "rnn_lstm": {
        "en": """
**RNN.** The hidden state h_t carries the past: at every step the cell reads the current input x_t
and its own previous state, h_t = tanh(W_ih x_t + W_hh h_{t-1} + b). It "comes back to itself";
unrolled in time it is a fully connected layer applied again and again with **the same weights**.
So it reads sequences of any length without growing (notes 001, 002).

**Its limit: long-term dependencies.** Information from far back hardly reaches the future. The
gradient is multiplied by W_hh and tanh' once per step on its way back: below 1 it vanishes, above 1
it explodes. The chart at the bottom measures it.

**LSTM** adds a **cell state** c_t that never leaves the cell and gathers what happened from 0 to t−1,
and three gates in [0, 1]: the **forget gate** f_t (how much of c_{t−1} is kept), the **input gate** i_t
(how much of the candidate g_t enters), the **output gate** o_t (how much of tanh(c_t) becomes h_t):
c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t, h_t = o_t ⊙ tanh(c_t). The update is additive, so a gradient can
travel along c_t without being squashed at every step. **GRU** has no cell state, only h_t with a
reset and an update gate: fewer parameters, often as good.

Type a sentence in the sidebar: first a vanilla RNN cell reads it word by word, unrolled, with the
numbers of every step; then the encoder LSTM of a trained seq2seq translator reads it, and every step
of every layer is drawn from its trace (written as the equations above).
""",
        "ko": """
**RNN.** H(은닉 상태)가 과거의 정보를 담고 있고, 현재 시점에서 H의 영향을 받습니다: 매 스텝 현재 입력 x_t와
이전 스텝의 은닉 상태로 h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)를 만듭니다. 가장 큰 특징은 자기 자신으로
돌아온다는 것이고, 시간 순으로 풀어 보면 **같은 가중치**의 Fully Connected Layer를 계속 적용하는 형태입니다.
그래서 가변적인 길이의 입력을 처리하고, 입력이 많아져도 모델 크기는 늘지 않습니다(노트 001, 002).

**한계: Long Term Dependencies.** 과거의 먼 정보는 미래까지 전달되기 어렵습니다. 기울기가 거꾸로 전달될 때 스텝마다
W_hh와 tanh'가 계속 곱해져서 1보다 작으면 기울기 소실, 크면 기울기 증폭이 생깁니다. 페이지 아래의 그래프가
이것을 측정합니다.

**LSTM**은 밖으로 나가지 않고 0~t-1 시점의 정보를 취합해 전달하는 **cell state** c_t와 [0, 1] 사이의 게이트 세 개를
더합니다: **forget gate** f_t(c_{t−1}을 얼마나 유지할지), **input gate** i_t(후보 g_t를 얼마나 넣을지),
**output gate** o_t(tanh(c_t) 중 얼마를 h_t로 내보낼지). c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t, h_t = o_t ⊙ tanh(c_t).
갱신이 덧셈이라서 기울기가 c_t를 따라 스텝마다 눌리지 않고 전달될 수 있습니다. **GRU**는 cell state 없이 은닉
상태만 쓰고(reset, update 게이트) 파라미터 수가 더 적으며 성능이 더 좋을 수도 있습니다.

사이드바에 문장을 입력하면 먼저 vanilla RNN 셀이 단어 하나씩 읽는 모습을 시간 순으로 펼쳐 스텝마다의 숫자와 함께
보여 주고, 이어서 학습된 seq2seq 번역기의 인코더 LSTM이 읽으며 모든 레이어의 모든 스텝을 trace에서 그립니다(위
수식 그대로 구현).
""",
    },
    "seq2seq_attention": {
        "en": """
**Seq2seq** turns one sequence into another ("I am a student" → "je suis étudiant"). The **encoder**
LSTM reads the input and its last hidden state (with the cell state) is the **context vector**; the
**decoder** LSTM starts from it, reads <sos> and predicts the first word, which becomes the next
step's input, until <eos> (note 003). Its limits: everything is squeezed into **one fixed-size
vector**, so information is lost (a **bottleneck**), and the recurrent gradient still vanishes.

**Attention** removes the bottleneck: the encoder keeps **every** step's hidden state (a stack, one row
per word) and the decoder, at each step, (1) takes the encoder's hidden states h_i, (2) multiplies
them with its own state s_t (dot product: how much two vectors point the same way) and turns the
scores into weights with a softmax, (3) sums the h_i with those weights into the context vector c_t,
(4) concatenates [s_t; c_t] and feeds it to the output layer (note 004). The weights are an
**alignment**: which source word each output word looked at.

**Teacher forcing.** In training, the decoder's input at step n is the *reference* word n−1, not
its own (maybe wrong) prediction; at test time it reads its own previous output (note 003).
""",
        "ko": """
**Seq2seq**는 한 문장(시퀀스)을 다른 문장으로 변환합니다("I am a student" → "je suis étudiant"). **Encoder** LSTM이
입력을 읽고, 마지막 TimeStep의 은닉 상태(cell state와 함께)가 **Context Vector**입니다. **Decoder** LSTM은 이것과
<sos>를 받아 첫 단어를 예측하고, 그 단어가 다음 스텝의 입력이 되어 <eos>가 나올 때까지 반복합니다(노트 003).
한계: 하나의 **고정된 크기의 벡터**에 모든 정보를 압축하려다 보니 **정보 손실**이 생기고(**병목**), 순환 구조의
기울기 소실도 남아 있습니다.

**어텐션**이 병목을 없앱니다: 인코더가 TimeStep마다 은닉 상태를 만들어 Stack으로 쌓고(단어마다 한 행), 디코더는 매
스텝 (1) 인코더의 은닉 상태 h_i를 가져와 (2) 자신의 은닉 상태 s_t와 곱하고(내적: 두 벡터가 얼마나 같은 방향인지)
softmax로 가중치(확률)로 바꾼 뒤 (3) h_i × 가중치의 합으로 맥락 벡터 c_t(context vector, attention value)를 만들고
(4) [s_t; c_t]를 concat해서 출력층의 입력으로 씁니다(노트 004). 가중치는 **Alignment**, 즉 각 출력 단어가 어떤
입력 단어를 참고했는지를 보여 줍니다.

**교사 강요(Teacher forcing).** 훈련 단계에서는 n번째 스텝의 입력으로 (n-1) 스텝의 예측값이 아니라 실제값을 넣고,
테스트 단계에서는 이전 스텝의 예측 단어를 다음 스텝의 입력으로 넣습니다(노트 003).
""",
    },
    "flow": {
        "en": """
The lecture notes' **Total Flow** (note 003): each model answers the limit of the one before. Every
step links to the page where this dashboard shows it with a model trained here.
""",
        "ko": """
강의 노트의 **Total Flow**(노트 003): 각 모델은 앞 모델의 한계를 풀려고 나왔습니다. 각 단계의 링크는 이 대시보드가
여기서 학습한 모델로 그것을 보여 주는 페이지로 이어집니다.
""",
    },
    "flow_rnn": {
        "en": "**Features:** a recurrent network; input → hidden state → output, the same weights at every step; "
              "any input length.\n\n**Limits:** gradient vanishing; input and output are assumed to have the same "
              "length (one output per input step).",
        "ko": "**특징:** 순환 신경망; Input → 은닉 상태 → Output, 모든 단계에서 동일한 가중치; 가변 길이 입력.\n\n"
              "**한계:** Gradient Vanishing; Input과 Output의 크기가 같다고 가정.",
    },
    "flow_lstm": {
        "en": "**Features:** a cell state and forget, input and output gates; applies to longer sequences than the "
              "RNN.\n\n**Limits:** still recurrent: slow, hard to parallelise; the whole sequence still ends in one "
              "state.",
        "ko": "**특징:** cell state와 forget, input, output gate; RNN보다 조금 더 긴 Sequence에 적용 가능.\n\n"
              "**한계:** 여전히 순환 계산이라 느리고 병렬화가 어려움; 전체 sequence가 하나의 상태로 요약됨.",
    },
    "flow_seq2seq": {
        "en": "**Features:** encoder / decoder; a context vector holding the input's information.\n\n"
              "**Limits:** information loss (fixed size); gradient vanishing; a bottleneck.",
        "ko": "**특징:** Encoder / Decoder; 입력의 정보를 담은 Context Vector.\n\n"
              "**한계:** 정보 손실(고정된 크기); Gradient Vanishing; 병목(Bottleneck) 발생.",
    },
    "flow_attention": {
        "en": "**Features:** the decoder consults all of the encoder's outputs; attention weights decide which word "
              "to attend to; the weights show which input each output used.\n\n**Limits:** still an RNN "
              "underneath: the notes want to use all information, not a compressed version, and longer inputs.",
        "ko": "**특징:** Decoder는 Encoder의 모든 Outputs을 참고; 어떤 단어에 Attention할지 가중치를 통해 결정; "
              "Attention 가중치로 각 출력이 어떤 입력 정보를 참고했는지 알 수 있음.\n\n**한계:** 여전히 RNN 위의 "
              "보정: 압축 버전(정보 손실) 말고 모든 정보를, 더 긴 입력 단위를 학습하고 싶음.",
    },
    "flow_transformer": {
        "en": "**Features:** many encoders / decoders; no RNN or CNN, attention only; positional encoding; "
              "residual learning; multi-head attention, scaled dot-product, mask matrix; encoder self-attention, "
              "masked decoder self-attention, encoder-decoder attention (query from the decoder, key and value "
              "from the encoder).\n\n**Limits:** an n × n attention map: 1,000 words need 1,000,000 scores.",
        "ko": "**특징:** Encoder / Decoder를 다수 사용; RNN과 CNN을 사용하지 않고 Attention만 사용; "
              "Positional Encoding; Residual Learning; Multi-Head Attention, Scaled Dot-Product, Mask matrix; "
              "Encoder Self-Attention, "
              "Masked Decoder Self-Attention, Encoder-Decoder Attention(Query는 Decoder, Key와 Value는 Encoder).\n\n"
              "**한계:** n × n attention map이 필요: 1,000개의 단어라면 1,000,000번의 연산.",
    },
    "flow_gpt1": {
        "en": "**Features:** a semi-supervised language model; two stages, unsupervised pre-training and supervised "
              "fine-tuning, transfer to a target task with minimal changes; an answer for supervised NLP tasks "
              "short of labelled data. GPT stacks the Transformer's masked decoder self-attention: "
              "each word sees only the words before it. The GPT pages show the shipped tiny-gpt predicting the "
              "next word, and GPT beside BERT on the same sentence.",
        "ko": "**특징:** Semi-supervised language model; 1) unsupervised pretraining, 2) supervised fine-tuning의 두 "
              "단계로 최소한의 구조 변화로 Target task에 transfer 가능; labeled data 부족으로 어려운 Supervised NLP "
              "task의 새로운 해법. GPT는 Transformer의 masked decoder self-attention을 쌓은 구조로, "
              "각 단어는 자기 앞의 단어만 봅니다. GPT 페이지에서 함께 제공되는 tiny-gpt가 다음 단어를 예측하는 "
              "모습과, 같은 문장에서 GPT와 BERT를 나란히 볼 수 있습니다.",
    },
    "flow_bert": {
        "en": "**Features:** unsupervised pre-training and supervised fine-tuning; bidirectional, so context is read "
              "more naturally; token / segment / position embeddings; masked language model; next sentence "
              "prediction.",
        "ko": "**특징:** Unsupervised pre-training & supervised fine-tuning; 양방향성을 포함하여 문맥을 "
              "더욱 자연스럽게 파악; Token / Segment / Position Embedding; Masked Language Model; "
              "Next Sentence Prediction.",
    },
}
