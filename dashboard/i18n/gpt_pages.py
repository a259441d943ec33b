"""Explanations of the GPT pages, in English and Korean, from note 003's GPT-1 slide (a semi-supervised language
model: unsupervised pre-training, then supervised fine-tuning) and its BERT slide (양방향성, bidirectionality).
Markdown written by us, never user text."""

from __future__ import annotations

GPT_PAGES: dict[str, dict[str, str]] = {
    "gpt_next_word": {
        "en": """
**GPT-1 (2018)** is, in the notes' words, a *semi-supervised language model*: it is first **pre-trained without
labels** on plain text, then **fine-tuned with labels** on a target task with minimal changes to its structure,
an answer for the many NLP tasks short of labelled data. Its pre-training task is the oldest one in language
modelling: **predict the next token** from the tokens before it.

The model is the Transformer's decoder alone: a stack of **masked self-attention** blocks (no encoder, no
cross-attention). The **look-ahead mask** is the note's *Masked Decoder Self-Attention: 앞 단어만 참고할 수 있도록*:
each token may attend only to itself and the tokens before it, so the model cannot peek at the word it must
predict. Token and learned position embeddings go in; the last layer's vector at the last position, multiplied by
the token-embedding matrix (tied weights), gives one score (logit) per vocabulary entry, and a softmax turns the
scores into the next token's probabilities.

**Choosing the next token.** *Greedy* takes the most probable token at every step; *beam search* keeps the few
best sequences so far (the translators' search and tree); *sampling* draws from the distribution, after three
knobs: **temperature** divides the logits (below 1 sharper, above 1 flatter), **top-k** keeps the k most probable
tokens, **top-p** keeps the smallest set whose probabilities reach p; what is left is renormalised to sum to 1.
The same seed draws the same tokens. The text is cut by a **byte-level BPE**: any text, Korean and emoji
included, is a sequence of bytes, merged into pieces the model saw often.
""",
        "ko": """
**GPT-1** (2018년)은 강의 노트의 표현으로 *Semi-supervised language model* 입니다: 먼저 레이블 없는 글로
**unsupervised pretraining** 을 하고, 그다음 Target task의 레이블로 **supervised fine-tuning** 을 해서 최소한의 구조
변화로 transfer 할 수 있는 언어 모델이며, labeled data 부족으로 어려움을 겪는 많은 Supervised NLP task에 새로운
해법을 제시했습니다. 사전 학습 과제는 언어 모델의 가장 오래된 과제인 **다음 토큰 예측** 입니다: 앞의 토큰들로 다음
토큰을 맞힙니다.

모델은 Transformer의 decoder만 쌓은 것입니다: **masked self-attention** 블록의 층(encoder도 cross-attention도
없음). **look-ahead mask** 는 노트의 *Masked Decoder Self-Attention: 앞 단어만 참고할 수 있도록* 그대로입니다:
각 토큰은 자기 자신과 앞의 토큰만 볼 수 있어서, 맞혀야 할 단어를 미리 볼 수 없습니다. 토큰 임베딩과 학습된
위치 임베딩이 들어가고, 마지막 층의 마지막 위치 벡터에 토큰 임베딩 행렬을 곱하면(가중치 공유) 어휘마다
점수(logit)가 하나씩 나오며, softmax가 이를 다음 토큰의 확률로 바꿉니다.

**다음 토큰 고르기.** *Greedy* 는 단계마다 가장 확률이 높은 토큰을, *빔 서치* 는 지금까지 가장 좋은 몇 개의
문장을 유지합니다(번역기와 같은 탐색과 트리). *샘플링* 은 분포에서 뽑는데, 세 가지 손잡이가 있습니다:
**temperature** 는 logit을 나누고(1보다 작으면 뾰족, 크면 평평), **top-k** 는 확률이 높은 k개만, **top-p** 는 확률
합이 p에 이르는 가장 작은 집합만 남기며, 남은 것을 합이 1이 되게 다시 정규화합니다. 같은 시드는 같은 토큰을
뽑습니다. 글은 **byte-level BPE** 로 자릅니다: 한국어와 이모지를 포함한 어떤 글이든 바이트의 나열이고, 모델이 자주
본 조각으로 합쳐집니다.
""",
    },
    "gpt_vs_bert": {
        "en": """
GPT-1 and BERT are both **pre-trained, then fine-tuned** Transformers (the notes list *unsupervised pre-training &
supervised fine-tuning* for both), and both are built from the same self-attention. What differs is **what each
token may look at**, and so what each is trained to predict:

- **GPT** stacks the Transformer's *decoder*: its self-attention is masked so a token sees only itself and the
  tokens before it (a lower triangle), and it is trained to predict the **next word**.
- **BERT** stacks the *encoder*: no mask, every token sees every token, before and after it, and it is trained
  to fill in a **masked word** ([MASK]) from both sides. The notes call this **양방향성** (bidirectionality):
  *양방향성을 포함하여 문맥을 더욱 자연스럽게 파악*, context read more naturally by including both directions.

This page runs the sidebar's sentence through both models. Follow one word (*it*): the masks side by side, where
*it* attends in each (BERT's attention reaches the words after it, GPT's cannot), and the two predictions of the
same word. Then change the sentence **after** the word: GPT's prediction there stays exactly the same, BERT's
moves. That is bidirectionality, measured.
""",
        "ko": """
GPT-1과 BERT는 모두 **사전 학습 후 fine-tuning** 하는 Transformer이며(노트는 둘 다 *Unsupervised pre-training &
supervised fine-tuning* 으로 정리합니다), 같은 self-attention으로 만들어졌습니다. 다른 점은 **각 토큰이 무엇을 볼 수
있는가**, 그래서 무엇을 예측하도록 학습하는가입니다:

- **GPT** 는 Transformer의 *decoder* 를 쌓습니다: self-attention에 mask가 있어 토큰은 자기 자신과 앞의 토큰만
  보고(아래 삼각형), **다음 단어** 를 예측하도록 학습합니다.
- **BERT** 는 *encoder* 를 쌓습니다: mask가 없어 모든 토큰이 앞뒤의 모든 토큰을 보고, 양쪽 문맥으로 **가린 단어**
  ([MASK])를 맞히도록 학습합니다. 노트는 이를 **양방향성** 이라고 부릅니다: *양방향성을 포함하여 문맥을 더욱
  자연스럽게 파악*.

이 페이지는 사이드바의 문장을 두 모델에 모두 넣습니다. 한 단어(*it*)를 따라가 보세요: 두 mask를 나란히, 각 모델에서
*it* 이 보는 곳(BERT의 어텐션은 뒤의 단어까지 닿지만 GPT는 닿을 수 없음), 그리고 같은 단어에 대한 두 예측. 그다음
단어 **뒤의** 문장을 바꿔 보세요: 그 위치에서 GPT의 예측은 정확히 그대로이고, BERT의 예측은 달라집니다. 이것이
숫자로 잰 양방향성입니다.
""",
    },
}
