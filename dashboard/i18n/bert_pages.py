"""Explanations of the BERT pages (home, embeddings, attention, arithmetic, positional encoding,
masked LM), in English and Korean, drawn from the seed lecture notes. Markdown written by us, never user text."""

from __future__ import annotations

BERT_PAGES: dict[str, dict[str, str]] = {
    "home": {
        "en": """
**What this is.** A window into the models of the lecture, from the recurrent networks to the
Transformer, GPT and BERT. Type a sentence; every page shows one step of what a model does with it,
with the model's real numbers.

**How to use it.** The sidebar holds the model and the sentence: press Enter after typing. Pages that
take a sentence also offer **lecture presets** (the notes' sentences, with the known answer). The URL
remembers every choice: copy it to share the exact view. Tables download as CSV/JSON, charts as PNG
from their toolbar (camera icon). The pages, in the lecture's order:
""",
        "ko": """
**무엇인가요?** 순환 신경망에서 Transformer, GPT, BERT까지 강의에 나오는 모델의 내부를 들여다보는 도구입니다.
문장을 입력하면 각 페이지가 모델이 그 문장으로 하는 일을 한 단계씩, 모델의 실제 숫자로 보여 줍니다.

**사용법.** 사이드바에서 모델과 문장을 정하고 Enter를 누르세요. 문장을 받는 페이지에는 **강의 예문**(노트의 문장과
알려진 정답)도 있습니다. URL에 선택한 값이 저장되므로 링크를 복사하면 같은 화면을 공유할 수 있습니다. 표는
CSV/JSON으로, 그림은 툴바의 카메라 아이콘으로 PNG로 내려받을 수 있습니다. 강의 순서대로 페이지는 다음과 같습니다:
""",
    },
    "embeddings": {
        "en": """
Words become vectors in a d-dimensional space, placed so that words used in similar contexts lie
close together. BERT's input vector for each WordPiece token is the **sum of three learned parts**:
the *token* embedding (which piece), the *segment* embedding (sentence A or B) and the *position*
embedding (where it stands). The sum is then layer-normalised and fed to the first encoder layer.
The PCA maps squeeze each token's vector into 2-D: after embedding, the same word always lands in
the same spot apart from its position; after a few layers, self-attention has mixed in context
("contextualised"), so the same word can move depending on its neighbours.
""",
        "ko": """
단어를 숫자로 표현하는 것이 word embedding입니다. 단어를 d차원 공간의 벡터로 나타내고, 비슷한 문맥에서
쓰이는 단어가 가까이 모이도록 학습합니다. BERT의 입력 벡터는 WordPiece 토큰마다 **세 가지 학습된 embedding의 합**
입니다: *Token* embedding(어떤 조각인지), *Segment* embedding(문장 A인지 B인지), *Position* embedding(몇 번째인지).
이 합에 layer normalization을 한 값이 첫 encoder 층의 입력이 됩니다. PCA 그림은 각 토큰 벡터를 2차원으로
줄인 것입니다. embedding 직후에는 같은 단어가 위치 차이만 빼고 같은 곳에 놓이지만, 몇 층을 지나면
self-attention이 주변 문맥을 섞어(contextualize) 같은 단어라도 이웃에 따라 위치가 달라집니다.
""",
    },
    "attention": {
        "en": """
Self-attention lets every token look at every other token. Each token's vector is mapped to a
**query**, a **key** and a **value**; the query of token i is compared with every key (dot product,
÷√d_k), a softmax turns the scores into weights that sum to 1, and the output is the weighted sum
of the values. A row of the heatmap is one token's weights over all tokens. **Multi-head**
attention runs several of these in parallel, each with its own W_Q, W_K, W_V, so each head can look
from a different angle: in "The animal didn't cross the street because it was too tired", one head
may link *it* to *animal*, another *it* to *tired*. Many heads park unused attention on [CLS] or
[SEP]; hide them and renormalise to see the rest. **Rollout** (Abnar & Zuidema, 2020) multiplies
the head-averaged attention of successive layers, adding the identity for the residual connection,
to estimate how much each input token flows into each position.
""",
        "ko": """
Self-attention은 각 토큰이 문장의 모든 토큰을 보게 합니다. 각 토큰 벡터에 W_Q, W_K, W_V를 곱해
**Query, Key, Value**를 만들고, 토큰 i의 Query를 모든 Key와 내적한 뒤 √d_k로 나누고 softmax를 씌워 합이 1인
가중치를 얻습니다. 출력은 그 가중치로 Value들을 더한 가중합입니다. heatmap의 한 행이 한 토큰의 가중치입니다.
**Multi-head** attention은 이를 여러 개 병렬로 수행해 각 head가 다른 시각에서 정보를 모읍니다. "그 동물은 길을
건너지 않았다. 왜냐하면 그것은 너무 피곤했기 때문이다"에서 한 head는 *it*–*animal*, 다른 head는
*it*–*tired*의 연관도를 높게 볼 수 있습니다. 많은 head가 쓰지 않는 attention을 [CLS]나 [SEP]에 모아 두므로,
숨기고 다시 정규화하면 나머지가 잘 보입니다. **Rollout**(Abnar & Zuidema, 2020)은 residual 연결을 위해
단위행렬을 더한 head 평균 attention을 층마다 곱해, 입력 토큰이 각 위치로 얼마나 흘러드는지 추정합니다.
""",
    },
    "attention_arithmetic": {
        "en": """
Scaled dot-product attention for one query, with the model's real vectors:
1. the **score** of key j is the dot product q · k_j: how much the two vectors point the same way;
2. divide by **√d_k** so the dot products do not grow with the head size and the softmax does not saturate;
3. the **mask** sets disallowed keys (padding) to −∞;
4. **softmax** turns scores into weights that are positive and sum to 1;
5. the **weighted sum** Σ_j weight_j · v_j is the head's output z for this token.

The first chart shows the vectors themselves: the query q of the chosen token, and every token's key k_j
and value v_j. The next charts follow steps 1–5 with the same numbers; the diamonds (◆) in steps 4 and 5
are what the model itself computed in its forward pass.
""",
        "ko": """
Query 하나에 대한 scaled dot-product attention을 모델의 실제 벡터로 따라가 봅니다:
1. Key j의 **score**는 내적 q · k_j입니다: 두 벡터가 얼마나 같은 방향을 향하는지 나타냅니다;
2. 내적이 head 크기에 따라 너무 커지지 않아 softmax가 포화되지 않도록 **√d_k**로 나눕니다;
3. **mask**는 볼 수 없는 Key(padding)를 −∞로 만듭니다;
4. **softmax**가 score를 합이 1인 양수 가중치로 바꿉니다;
5. Value들의 **가중합** Σ_j 가중치_j · v_j가 이 토큰에 대한 head의 출력 z입니다.

첫 그림은 벡터 자체를 보여 줍니다: 고른 토큰의 query q와 모든 토큰의 key k_j, value v_j. 다음 그림들은 같은 숫자로
1–5단계를 따라가며, 4단계와 5단계의 마름모(◆)는 모델이 forward pass에서 직접 계산한 값입니다.
""",
    },
    "positional_encoding": {
        "en": """
Self-attention itself ignores order: shuffle the tokens and every weight moves with them. The
original Transformer therefore **adds** a positional encoding to each embedding:
PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model)).
Even dimensions use sine, odd ones cosine; low dimensions oscillate fast, high ones slowly, so every
position gets a unique pattern rather than a number that just grows. **BERT does not use these
sinusoids**: it *learns* a position-embedding table (right), one trained vector per position.
""",
        "ko": """
Self-attention 자체는 순서를 모릅니다. 그래서 원래 Transformer는 각 embedding에 positional encoding을 **더합니다**:
PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model)).
짝수 차원은 sin, 홀수 차원은 cos을 쓰고, 앞쪽 차원은 빠르게, 뒤쪽 차원은 느리게 변해서 position마다
선형적으로 커지는 값이 아니라 unique한 패턴을 갖게 됩니다. **BERT는 이 sin/cos을 쓰지 않습니다**:
위치마다 학습된 벡터를 가진 position embedding 표를 *학습*합니다(오른쪽).
""",
    },
    "masked_lm": {
        "en": """
BERT is pre-trained by hiding words and guessing them: **masked language modelling (MLM)**. Write
[MASK] in the sentence (or pick a word to mask) and the MLM head shows its top candidates with
probabilities, using context from both sides. With two sentences, the **next sentence prediction
(NSP)** head gives the probability that B really follows A; later work found NSP matters much less
than MLM.
""",
        "ko": """
BERT는 문장에 빈칸을 주고 단어를 맞히는 방식으로 사전 학습합니다: **Masked Language Modeling(MLM)**.
문장에 [MASK]를 쓰거나 가릴 단어를 고르면, MLM head가 양쪽 문맥을 모두 보고 고른 후보와 확률을 보여 줍니다.
문장을 두 개 주면 **Next Sentence Prediction(NSP)** head가 B가 A 다음 문장일 확률을 알려 줍니다.
이후 연구에서 NSP는 보조적이고 MLM이 훨씬 중요하다고 밝혀졌습니다.
""",
    },
}

