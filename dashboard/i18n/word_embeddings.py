"""The Word embeddings page's texts, in English and Korean: the explanation drawn from note 000 (words as
vectors, word2vec, arithmetic of relations, then the turn to contextual embeddings) and the page's labels.
Markdown written by us, never user text."""

from __future__ import annotations

WORD_EMBEDDING_PAGES: dict[str, dict[str, str]] = {
    "word_embeddings": {
        "en": """
**Words as vectors.** A word embedding represents each word as a vector in a d-dimensional Euclidean space
(here d = 100), so that words with similar meanings sit in the same region. It never reads a dictionary:
**word2vec** (Mikolov et al., 2013) learns a word from the words it is used with. *Skip-gram* predicts the
words around a word from the word; *CBOW* predicts the word from the words around it. With *negative
sampling*, each true (word, neighbour) pair is pushed to a high score and k random "noise" words (drawn in
proportion to count^0.75) to a low one; very frequent words (the, was) are skipped at random.

**Relations become arithmetic.** Embeddings of this kind (word2vec, then GloVe) encode relations between
words as directions, so word arithmetic works: *queen − woman + man ≈ king*, or here
*king − man + woman ≈ queen*. The answer is the word whose vector is closest (cosine) to the result,
**the three input words excluded**, as is customary (otherwise *king* itself is usually nearest).

The vectors shown, `tiny-word2vec`, were trained from scratch on the generated stories `tiny-bert` and
`tiny-gpt` learn from, the same 200,000 stories. A word's near neighbours are the words the stories use in its
place. Relations need contexts of their own: in a first version of the stories *king*, *father* and
*grandfather* filled exactly the same sentences, and *king − man + woman* gave *girl*; family and court
stories (the throne and the crown for a king and a queen, grandchildren for grandparents) gave each pair a
role, and the answer became *queen*.

**The turn: contextual embeddings.** A static embedding gives a word one vector whatever the sentence.
BERT's embeddings are computed from the whole sentence, layer after layer: the same word gets a different
vector in each context. Today BERT-style contextual embeddings have largely replaced the static ones; the
last section shows the difference on one word in two sentences.
""",
        "ko": """
**단어를 벡터로.** 단어를 숫자로 표현하는 것이 word embedding입니다. 단어를 d차원 유클리드 공간의
벡터로 표현하며(여기서는 d = 100), 의미상 비슷한 단어들이 비슷한 영역에 모이도록 하는 것이 핵심입니다.
단어의 정의를 보지 않고, 문장에서 어떤 단어들과 함께 쓰이는지를 보고 embedding합니다.
**word2vec**(Mikolov 외, 2013)은 주변 단어를 보고 현재 단어를 예측하거나(*CBOW*), 현재 단어를 보고
주변 단어를 예측하도록(*skip-gram*) 훈련합니다. *negative sampling*에서는 실제 (단어, 주변 단어) 쌍의
점수는 높이고, 빈도^0.75에 비례해 뽑은 k개의 무작위 "noise" 단어의 점수는 낮춥니다. 아주 흔한 단어
(the, was)는 무작위로 건너뜁니다.

**단어의 관계가 연산이 된다.** 이런 embedding(word2vec, 그 다음 GloVe)은 단어 사이의 관계를 방향으로
표현하므로 단어 간의 연산이 가능합니다: *queen − woman + man ≈ king*, 여기서는
*king − man + woman ≈ queen*. 답은 결과 벡터와 cosine이 가장 가까운 단어이며, 관례대로
**입력한 세 단어는 답에서 제외합니다**(제외하지 않으면 대개 *king* 자신이 가장 가깝습니다).

여기 보이는 `tiny-word2vec`은 `tiny-bert`와 `tiny-gpt`가 배우는 바로 그 생성된 이야기 20만 개로
처음부터 학습했습니다. 한 단어의 가까운 이웃은 이야기에서 그 자리에 쓰이는 단어들입니다. 관계가 드러나려면
단어마다 자기 문맥이 있어야 합니다: 이야기의 첫 판에서는 *king*, *father*, *grandfather*가 똑같은 문장에만
나와서 *king − man + woman*의 답이 *girl*이었고, 가족과 궁정 이야기(왕과 여왕의 왕좌와 왕관, 조부모의
손주)로 짝마다 역할을 주자 답이 *queen*이 되었습니다.

**전환: contextual embedding.** 정적인(static) embedding은 문장과 상관없이 단어 하나에 벡터 하나를
줍니다. BERT의 embedding은 문장 전체로부터 층마다 계산되므로, 같은 단어도 문맥마다 다른 벡터를
갖습니다. 요즘에는 BERT embedder를 쓰고 이전의 embedding은 잘 안 쓴다고 합니다. 마지막 부분에서
한 단어를 두 문장에 넣어 그 차이를 봅니다.
""",
    },
    "flow_word_embeddings": {
        "en": """
Before any sequence model: a word as a vector. word2vec learns one vector per word from the words
around it; relations between words become directions (*king − man + woman ≈ queen*). One vector per word,
whatever the sentence: the models that follow read words in order and, with attention, give each word a
vector that depends on its context.
""",
        "ko": """
시퀀스 모델 이전에: 단어를 벡터로. word2vec은 주변 단어로부터 단어마다 벡터 하나를 배우고, 단어 사이의
관계는 방향이 됩니다(*king − man + woman ≈ queen*). 문장과 상관없이 단어마다 벡터 하나: 뒤에 오는 모델들은
단어를 순서대로 읽고, attention으로 각 단어에 문맥에 따라 달라지는 벡터를 줍니다.
""",
    },
}

WORD_EMBEDDING_LABELS: dict[str, dict[str, str]] = {
    "nav.word_embeddings": {"en": "Word embeddings", "ko": "단어 임베딩"},
    "flow.step.flow_word_embeddings": {"en": "Word embeddings: word2vec (Mikolov et al., 2013)",
                                       "ko": "단어 임베딩: word2vec (Mikolov 외, 2013)"},
    "flow.link.word_embeddings": {"en": "Word embeddings", "ko": "단어 임베딩"},
    "words.missing_model": {"en": "The word vectors {model} could not be loaded: {error}",
                            "ko": "단어 벡터 {model}을(를) 불러올 수 없습니다: {error}"},
    "words.model_caption": {"en": "{model}: {size} words × {dim} dimensions, skip-gram with negative sampling, "
                                  "trained on the generated stories tiny-bert and tiny-gpt learn from",
                            "ko": "{model}: 단어 {size}개 × {dim}차원, negative sampling을 쓴 skip-gram, "
                                  "tiny-bert와 tiny-gpt가 배우는 생성된 이야기로 학습"},
    "words.map_header": {"en": "A map of the words (2-D)", "ko": "단어 지도 (2차원)"},
    "words.projection": {"en": "Projection", "ko": "투영 방법"},
    "words.projection.pca": {"en": "PCA (linear: the analogy's arrows)", "ko": "PCA (선형: 유추 화살표)"},
    "words.projection.tsne": {"en": "t-SNE (neighbourhoods)", "ko": "t-SNE (이웃 관계)"},
    "words.projection_help": {"en": "PCA keeps the two directions along which the words differ most; it is "
                                    "linear, so the analogy's arrows can be drawn on it. t-SNE (scikit-learn) "
                                    "places words so that near neighbours in 100 dimensions stay near; it keeps "
                                    "clusters, not distances or directions.",
                              "ko": "PCA는 단어들이 가장 많이 다른 두 방향을 남깁니다. 선형이라 유추 화살표를 그릴 수 "
                                    "있습니다. t-SNE(scikit-learn)는 100차원에서 가까운 이웃이 지도에서도 가깝도록 "
                                    "단어를 놓습니다. 무리는 지키지만 거리나 방향은 지키지 않습니다."},
    "words.tsne_caption": {"en": "t-SNE of the chosen words' vectors (cosine distances, perplexity {perplexity}, "
                                 "a fixed seed): words near each other in 100 dimensions stay together. The axes "
                                 "have no meaning, distances between clusters mean little, and t-SNE is not "
                                 "linear, so the analogy's arrows are drawn on the PCA map only.",
                           "ko": "고른 단어 벡터의 t-SNE입니다(cosine 거리, perplexity {perplexity}, 고정된 시드). "
                                 "100차원에서 가까운 단어끼리 함께 모입니다. 축에는 뜻이 없고, 무리 사이의 거리는 "
                                 "별 의미가 없으며, t-SNE는 선형이 아니어서 유추 화살표는 PCA 지도에만 그립니다."},
    "words.kinds": {"en": "Kinds of words on the map", "ko": "지도에 놓을 단어 종류"},
    "words.map_caption": {"en": "Two principal components of the chosen words' vectors; hover a point for its "
                                "exact coordinates. Distances on the map are only a shadow of those in 100 "
                                "dimensions.",
                          "ko": "고른 단어 벡터의 두 주성분입니다. 점에 마우스를 올리면 정확한 좌표가 보입니다. "
                                "지도 위의 거리는 100차원에서의 거리의 그림자일 뿐입니다."},
    "words.neighbours_header": {"en": "Nearest neighbours", "ko": "가장 가까운 이웃"},
    "words.word": {"en": "Word", "ko": "단어"},
    "words.unknown": {"en": "'{word}' is not in the vocabulary of {model}: it knows {size} words, those seen at "
                            "least 5 times in the training stories, in lower case. Try another word, e.g. "
                            "{examples}.",
                      "ko": "'{word}'은(는) {model}의 어휘에 없습니다. 이 모델은 학습 이야기에서 5번 이상 나온 "
                            "단어 {size}개(소문자)만 압니다. 다른 단어를 입력해 보세요. 예: {examples}."},
    "words.empty": {"en": "Type a word.", "ko": "단어를 입력하세요."},
    "words.analogy_header": {"en": "Analogy calculator", "ko": "유추 계산기"},
    "words.analogy_a": {"en": "Start from", "ko": "시작 단어"},
    "words.analogy_b": {"en": "minus", "ko": "빼기"},
    "words.analogy_c": {"en": "plus", "ko": "더하기"},
    "words.analogy_result": {"en": "{a} − {b} + {c} ≈ **{answer}** (cosine {cosine:.3f}; the three input words "
                                   "are excluded from the answers)",
                             "ko": "{a} − {b} + {c} ≈ **{answer}** (cosine {cosine:.3f}; 입력한 세 단어는 답에서 "
                                   "제외)"},
    "words.analogy_caption": {"en": "On the map: the arrow from '{b}' to '{a}', the same arrow from '{c}', "
                                    "and where it ends (×). PCA is linear, so the arrows are parallel on the "
                                    "map as in 100 dimensions.",
                              "ko": "지도 위: '{b}'에서 '{a}'로 가는 화살표, '{c}'에서 시작하는 같은 화살표와 그 "
                                    "끝(×). PCA는 선형이므로 100차원에서처럼 지도에서도 두 화살표가 평행합니다."},
    "words.contextual_header": {"en": "Static against contextual", "ko": "정적 embedding과 contextual embedding"},
    "words.contextual_example": {"en": "Word and two sentences", "ko": "단어와 두 문장"},
    "words.contextual_word": {"en": "Word", "ko": "단어"},
    "words.contextual_first": {"en": "First sentence", "ko": "첫째 문장"},
    "words.contextual_second": {"en": "Second sentence", "ko": "둘째 문장"},
    "words.contextual_caption": {"en": "word2vec looks '{word}' up: one vector, so the cosine of its two "
                                       "occurrences is 1. {model} computes it from each sentence: its cosine "
                                       "after the embeddings and after each layer shows how far the context "
                                       "moves it.",
                                 "ko": "word2vec은 '{word}'을(를) 표에서 찾기만 하므로 벡터가 하나이고, 두 "
                                       "문장에서의 cosine은 1입니다. {model}은(는) 문장마다 계산하므로, "
                                       "embedding 뒤와 각 층 뒤의 cosine이 문맥이 벡터를 얼마나 옮기는지 보여 줍니다."},
    "words.contextual_missing": {"en": "'{word}' does not occur in both sentences.",
                                 "ko": "'{word}'이(가) 두 문장 모두에 나오지 않습니다."},
    "words.no_bert": {"en": "The contextual side needs tiny-bert, which could not be loaded: {error}",
                      "ko": "contextual 쪽에는 tiny-bert가 필요한데 불러올 수 없습니다: {error}"},
    "words.kind.male": {"en": "male people", "ko": "남성 인물"},
    "words.kind.female": {"en": "female people", "ko": "여성 인물"},
    "words.kind.animal": {"en": "animals", "ko": "동물"},
    "words.kind.colour": {"en": "colours", "ko": "색"},
    "words.kind.place": {"en": "places", "ko": "장소"},
    "words.kind.food": {"en": "food", "ko": "음식"},
    "words.kind.day": {"en": "days and months", "ko": "요일과 달"},
    "words.kind.verb": {"en": "verbs (past)", "ko": "동사 (과거형)"},
    "words.kind.analogy": {"en": "analogy words", "ko": "유추의 단어"},
    "chart.word_map.title": {"en": "Word vectors, first two principal components",
                             "ko": "단어 벡터, 처음 두 주성분"},
    "chart.word_map.tsne.title": {"en": "Word vectors, t-SNE", "ko": "단어 벡터, t-SNE"},
    "chart.word_map.tsne.x": {"en": "t-SNE 1", "ko": "t-SNE 축 1"},
    "chart.word_map.tsne.y": {"en": "t-SNE 2", "ko": "t-SNE 축 2"},
    "chart.word_map.x": {"en": "PC 1", "ko": "주성분 1"},
    "chart.word_map.y": {"en": "PC 2", "ko": "주성분 2"},
    "chart.contextual.title": {"en": "'{word}' in two sentences: cosine of its two vectors",
                               "ko": "두 문장의 '{word}': 두 벡터의 cosine"},
    "chart.contextual.layer": {"en": "layer (0 = embeddings)", "ko": "층 (0 = embedding)"},
    "chart.contextual.cosine": {"en": "cosine", "ko": "코사인"},
    "chart.contextual.static": {"en": "word2vec (static)", "ko": "word2vec (정적)"},
    "chart.contextual.bert": {"en": "{model} (contextual)", "ko": "{model} (문맥에 따라)"},
    "chart.referent.title": {"en": "'{word}' against each noun it may stand for, in sentence (1) and (2)",
                             "ko": "'{word}'와(과) 가리킬 수 있는 각 명사의 cosine, 문장 (1)과 (2)"},
    "words.referent_caption": {"en": "Does '{word}' take its antecedent's meaning? In each sentence, the cosine of "
                                     "its vector with each candidate noun's vector in the same sentence, per layer.",
                               "ko": "'{word}'이(가) 선행사의 의미를 띠게 될까요? 각 문장에서 '{word}'의 벡터와 같은 "
                                     "문장 속 후보 명사 벡터의 cosine을 층마다 보여 줍니다."},
    "col.cosine": {"en": "cosine", "ko": "코사인"},
    "col.word": {"en": "word", "ko": "단어"},
}
