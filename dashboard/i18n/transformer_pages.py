"""Explanations of the encoder-decoder pages (translation, beam search) and of coreference and compare,
in English and Korean, drawn from the seed lecture notes. Markdown written by us, never user text."""

from __future__ import annotations

TRANSFORMER_PAGES: dict[str, dict[str, str]] = {
    "translation": {
        "en": """
**Encoder-decoder.** The encoder reads the whole English sentence at once (self-attention among
source words, "I am a student </s>"); the decoder writes the French one word at a time,
auto-regressively: each word it outputs becomes its next input, until it writes </s>.
Each decoder layer attends twice:
1. **masked self-attention** over the French prefix. Trained with teacher forcing, the decoder gets
   the whole target "<s> je suis étudiant" in one matrix, so a **look-ahead mask** sets every later
   position to −∞ before the softmax: each row may only see itself and earlier words (the grey
   triangle with ×: those weights are not small, they are impossible);
2. **encoder-decoder (cross) attention**: the *query* comes from the decoder, the *keys* and
   *values* from the encoder's last layer. Row t is where the decoder looked in the source while
   choosing target word t — an **alignment** matrix, as in the seq2seq-with-attention picture of
   "je" ↔ "I".

Move the step slider to follow the generation token by token: for each step the page shows where
the chosen decoder head looked, and the decoder's **next-word probabilities** — the softmax over every
French word, whose best the translation took (orange). The encoder has its own layer and head
sliders, and its grid shows every head of the chosen encoder layer. Colours run from 0 to the
largest weight on screen, so small weights stay visible; the toggle fixes them to 0–1.
""",
        "ko": """
**Encoder-Decoder 구조.** Encoder는 영어 문장 전체("I am a student </s>")를 한 번에 읽고(source 단어끼리의
self-attention), Decoder는 프랑스어 문장을 한 단어씩 auto-regressive하게 씁니다: 출력한 단어가 다음 입력이 되고,
</s>가 나올 때까지 반복합니다. Decoder 층마다 attention을 두 번 합니다:
1. 프랑스어 prefix에 대한 **masked self-attention**. 교사 강요(teacher forcing)로 학습할 때 Decoder는
   "<s> je suis étudiant" 문장 행렬을 한 번에 받으므로, **look-ahead mask**가 미래 시점의 값을 softmax 전에
   −∞로 만들어 각 행이 자기 자신과 그 이전 단어만 참고하게 합니다(×가 있는 회색 삼각형: 작은 값이 아니라
   아예 볼 수 없는 칸입니다);
2. **Encoder-Decoder (cross) attention**: *Query*는 Decoder에서, *Key*와 *Value*는 Encoder의 마지막 층에서
   옵니다. t번째 행은 t번째 프랑스어 단어를 고를 때 source의 어디를 보았는지, 즉 단어의 대응 관계
   (**alignment**)를 보여 줍니다. seq2seq attention 그림의 "je" ↔ "I"와 같습니다.

step 슬라이더로 생성 과정을 토큰 하나씩 따라가 보세요. 단계마다 고른 Decoder head가 어디를 보았는지와 함께
Decoder의 **다음 단어 확률**(모든 프랑스어 단어에 대한 softmax, 번역이 고른 단어는 주황색)을 보여 줍니다.
Encoder에는 층(layer)과 head를 고르는 슬라이더가 따로 있고, 격자는 고른 Encoder 층의 모든 head를 보여 줍니다. 색은 0부터
화면의 가장 큰 가중치까지라서 작은 값도 보이며, 토글로 0–1에 고정할 수 있습니다.
""",
    },
    "beam_search": {
        "en": """
**Greedy vs beam search.** Always taking the single most probable next word (greedy) is fast, but
one wrong word early can spoil everything after it. **Beam search** keeps the K best partial
translations (the *beam width*) at every step. Here each node is a hypothesis: x is the step, the
edge goes to the prefix it extends. At each step the 2K best extensions are compared: the K best
that do not end stay in the beam (**kept**), an </s> among the K best **finishes** a hypothesis,
the rest are **pruned**. The search stops when K hypotheses have finished or at the maximum length.

Scores are log-probabilities (sums of log p, so always ≤ 0). Longer sentences collect more negative
terms, so the final ranking divides by length^α (**length normalisation**, as fairseq does it; Wu et al.
2016 divide by ((5 + length)/6)^α instead): α = 0 is the raw log-prob, larger α favours longer
translations. With width 1 the tree is exactly the greedy path.

**Reading the tree.** Survivors sit at the top in their parents' order (the best path runs along the
first row), pruned extensions below them in grey, each with its word; from width 5 on they start
hidden. The step slider replays the search, and choosing a hypothesis highlights its path from <s>.
The examples box lists held-out sentences where beam search finds the reference and greedy decoding
does not, found by `python -m core eval beam-examples` for each shipped translator. The Transformer
is so confident that it has none: its greedy choice is already the beam's best.
""",
        "ko": """
**Greedy와 beam search.** 매 단계 가장 확률이 높은 단어 하나만 고르면(greedy) 빠르지만, 한 단어라도 틀리면 그 뒤가
모두 틀릴 수 있습니다. 그래서 상위 몇 개(K개, *beam width*)를 유지하는 것이 **beam search**입니다. 그림의 각 점은
하나의 가설(hypothesis)입니다: x는 step, 선은 그 가설이 이어 붙인 prefix로 갑니다. 매 step 2K개의 가장 좋은
확장을 비교해, 끝나지 않은 상위 K개는 beam에 남고(**kept**), 상위 K개 안의 </s>는 가설을 **끝내고(finished)**,
나머지는 **버립니다(pruned)**. K개의 가설이 끝나거나 최대 길이에 닿으면 멈춥니다.

점수는 log 확률의 합(항상 ≤ 0)입니다. 긴 문장일수록 음수 항이 많아지므로 최종 순위는 길이^α로 나눈 값입니다
(**length normalisation**, fairseq의 방식; Wu et al. 2016은 ((5 + 길이)/6)^α로 나눕니다): α = 0이면 log 확률
그대로, α가 클수록 긴 번역이 유리합니다.
width가 1이면 트리는 greedy 경로와 정확히 같습니다.

**트리 읽는 법.** 살아남은 가설은 위쪽에 부모 순서대로 놓이고(가장 좋은 경로가 첫 줄을 따라갑니다), 버려진
확장은 그 아래 회색으로 단어와 함께 놓입니다. width 5부터는 처음에 숨깁니다. step 슬라이더로 탐색을 다시 볼 수
있고, 가설을 고르면 <s>부터 그 가설까지의 경로가 강조됩니다. 예시 상자는 `python -m core eval beam-examples`가
학습에 쓰지 않은 문장에서 찾은, beam search는 정답을 찾고 greedy는 틀린 문장들입니다(번역기마다). Transformer는
확신이 커서 그런 문장이 없습니다: greedy의 선택이 곧 beam의 최선입니다.
""",
    },
    "coreference": {
        "en": """
**Which word does "it" refer to?** In "The animal didn't cross the street because it was too
tired", *it* is the animal; change *tired* to *wide* and it is the street. Multi-head attention
lets each head look from its own angle: one head may link *it* to *animal*, another *it* to
*tired*. Here the attention from the chosen token (averaged over its WordPiece pieces) to each
candidate (summed over its pieces) is read for every layer × head and the heads are ranked.

The built-in set (sentences written for this project, many as minimal pairs) scores every head:
**accuracy** = how often the correct antecedent gets more attention than the other candidates
(ties share the credit), next to the **chance** level and two attention-free baselines.

**Attention is evidence, not proof.** A head that points at the antecedent shows where that head
reads from; it does not show that the model uses what it reads (the value vectors may be small), nor
that the position still holds that word after several layers of mixing, nor that the model would fail
without it. With about 60 sentences, the best of many heads beats chance by luck alone: compare with
the baselines, the minimal pairs and another model before calling a head a "coreference head".
""",
        "ko": """
**"it"은 무엇을 가리킬까요?** "그 동물은 길을 건너지 않았다. 왜냐하면 그것은 너무 피곤했기 때문이다"에서 *it*은
동물입니다. *tired*를 *wide*(넓은)로 바꾸면 길이 됩니다. Multi-head attention에서는 head마다 다른 시각에서 봅니다:
한 head는 *it*–*animal*, 다른 head는 *it*–*tired*의 연관도를 높게 볼 수 있습니다. 여기서는 고른 토큰(WordPiece
조각들의 평균)에서 각 후보 단어(조각들의 합)로 가는 attention을 모든 layer × head에 대해 읽고 head의 순위를 매깁니다.

내장 문장 집합(이 프로젝트가 쓴 문장, 대부분 한 단어만 다른 minimal pair)으로 모든 head를 채점합니다:
**정확도** = 정답 선행사가 다른 후보보다 attention을 더 많이 받은 비율(동점은 나누어 가짐). **우연 수준(chance)**과
attention을 쓰지 않는 두 기준선을 함께 보여 줍니다.

**Attention은 증거이지 증명이 아닙니다.** 선행사를 가리키는 head는 그 head가 어디서 읽는지를 보여 줄 뿐, 모델이
그 정보를 실제로 쓰는지(value 벡터가 작을 수 있음), 여러 층을 지난 뒤에도 그 위치가 그 단어를 담고 있는지, 그것이
없으면 모델이 틀리는지는 보여 주지 않습니다. 문장이 60개 정도이면 많은 head 중 최고는 운만으로도 우연 수준을
넘습니다: "coreference head"라고 부르기 전에 기준선, minimal pair, 다른 모델과 비교하세요.
""",
    },
    "compare": {
        "en": """
**Two models, one sentence.** The same text goes through two BERTs (say the small one trained here
and a pretrained one); the same layer and head controls apply to both, so you can see how
differently they distribute attention. When the models differ in depth or heads, the controls are
clipped to each model's range and the caption says which layer and head are shown.

**Parity.** Our BERT is written from scratch in PyTorch. The parity panel runs the *same weights*
through Hugging Face `transformers` on this very input and prints the largest absolute difference
of every quantity both compute (embedding output, each layer's attention probabilities and hidden
state, the heads' logits). Green means within the tolerance: the implementation computes the same
numbers, up to floating-point rounding.
""",
        "ko": """
**두 모델, 한 문장.** 같은 문장을 두 BERT(예: 여기서 학습한 작은 모델과 사전 학습된 모델)에 넣고, 같은 layer와
head 설정을 둘 다에 적용해 attention을 얼마나 다르게 나누는지 비교합니다. 두 모델의 층 수나 head 수가 다르면
설정값을 각 모델의 범위로 자르고, 어떤 layer와 head를 보여 주는지 설명에 적습니다.

**Parity(일치 검증).** 이 프로젝트의 BERT는 PyTorch로 처음부터 구현했습니다. parity 패널은 *같은 가중치*를 Hugging
Face `transformers`에도 넣어 바로 이 입력으로 실행하고, 둘 다 계산하는 모든 값(embedding 출력, 각 층의 attention
확률과 은닉 상태, head의 logit)의 최대 절대 차이를 보여 줍니다. 초록색은 허용 오차 안이라는 뜻입니다:
부동소수점 반올림을 빼면 같은 숫자를 계산합니다.
""",
    },
}

