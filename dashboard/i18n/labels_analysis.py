"""Short UI texts of the analysis pages built on BERT (coreference explorer, model comparison and parity)."""

from __future__ import annotations

ANALYSIS_LABELS: dict[str, dict[str, str]] = {
    # Coreference.
    "coreference.title": {"en": "Coreference: which heads link a pronoun to its antecedent?",
                          "ko": "상호 참조: 어떤 헤드가 대명사를 선행사와 잇는가?"},
    "coreference.evidence": {
        "en": "Attention is evidence, not proof: a head that looks at the antecedent shows where it reads from, "
              "not that the model relies on it.",
        "ko": "어텐션은 증거이지 증명이 아닙니다: 선행사를 보는 헤드는 어디서 읽는지를 보여 줄 뿐, 모델이 그것에 "
              "의존한다는 뜻은 아닙니다."},
    "coreference.this_sentence": {"en": "This sentence", "ko": "이 문장"},
    "coreference.example_animal-street": {"en": "Example: the animal and the street",
                                          "ko": "예문: 동물과 길"},
    "coreference.example_lecture": {"en": "Example: the lecture notes' boy and tree",
                                    "ko": "예문: 강의 노트의 소년과 나무"},
    "coreference.unknown_words": {
        "en": "Not in {model}'s vocabulary as whole words: **{words}**. The model never saw them in training, "
              "so anything it says about them is a guess from their pieces.",
        "ko": "{model}의 어휘에 온전한 단어로 없는 말: **{words}**. 모델이 학습 중 한 번도 보지 못한 단어라서, 이 "
              "단어에 대한 답은 조각들로부터 짐작한 것입니다."},
    "col.initial": {"en": "first letter", "ko": "첫 글자"},
    "col.count": {"en": "words", "ko": "단어 수"},
    "col.known_words": {"en": "known words", "ko": "아는 단어"},
    "coreference.lexicon_show": {"en": "Show the table", "ko": "표 보기"},
    "coreference.lexicon_title": {"en": "Words {model} knows ({count} whole words)",
                                  "ko": "{model}가 아는 단어 (온전한 단어 {count}개)"},
    "coreference.never_shown": {
        "en": "tiny-bert learned from generated stories only: the words below are all it knows. It was never "
              "shown a \"because it was …\" clause with these verbs: {verbs}. Sentences with them (the "
              "held-out-frames half, `python -m core coreference --split heldout-frames`) test what it learned "
              "about the things themselves: walls are high, ladders tall, kittens scared.",
        "ko": "tiny-bert는 생성된 이야기로만 학습했습니다: 아래 단어가 아는 단어 전부입니다. 다음 동사가 들어간 "
              "\"because it was …\" 절은 한 번도 본 적이 없습니다: {verbs}. 이런 문장(held-out-frames 절반, "
              "`python -m core coreference --split heldout-frames`)은 모델이 사물 자체에 대해 배운 것을 시험합니다: "
              "벽은 높고, 사다리는 길고, 새끼 고양이는 겁을 먹습니다."},
    "coreference.pronoun": {"en": "Pronoun (or any token)", "ko": "대명사 (또는 아무 토큰)"},
    "coreference.choose_word": {"en": "Choose a word, not [CLS] or [SEP].",
                                "ko": "[CLS]나 [SEP]가 아닌 단어를 고르세요."},
    "coreference.candidates": {"en": "Candidate antecedents", "ko": "후보 선행사"},
    "coreference.candidates_help": {"en": "Two or more words the pronoun might refer to.",
                                    "ko": "대명사가 가리킬 수 있는 단어를 두 개 이상 고르세요."},
    "coreference.two_candidates": {"en": "Choose at least two candidate antecedents.",
                                   "ko": "후보 선행사를 두 개 이상 고르세요."},
    "coreference.lead": {"en": "the top candidate's lead over the runner-up", "ko": "1위 후보가 2위보다 앞선 정도"},
    "coreference.sort_by": {"en": "Rank heads by", "ko": "헤드 정렬 기준"},
    "coreference.sort_by_help": {"en": "Or by the attention one candidate gets minus the most any other gets.",
                                 "ko": "또는 한 후보가 받은 어텐션에서 다른 후보가 받은 가장 큰 어텐션을 뺀 값."},
    "coreference.candidates_title": {"en": "Attention from {pronoun!r} to each candidate",
                                     "ko": "{pronoun!r}에서 각 후보로 가는 어텐션"},
    "coreference.builtin": {"en": "Built-in pronoun set on {model}", "ko": "내장 대명사 문장 집합: {model}"},
    "coreference.scoring": {"en": "Scoring every head on the built-in sentences …",
                            "ko": "내장 문장으로 모든 헤드를 채점하는 중 …"},
    "coreference.sentences": {"en": "Sentences", "ko": "문장 수"},
    "coreference.sentences_help": {"en": "{pairs} minimal pairs", "ko": "minimal pair {pairs}쌍"},
    "coreference.chance": {"en": "Chance", "ko": "우연 수준"},
    "coreference.chance_help": {"en": "Mean over sentences of 1 / number of candidates.",
                                "ko": "문장마다 1 / 후보 수를 구해 평균한 값."},
    "coreference.best_head": {"en": "Best head (L{layer} H{head})", "ko": "가장 좋은 헤드 (L{layer} H{head})"},
    "coreference.best_head_help": {"en": "Minimal-pair accuracy {pair:.2f} (chance {chance:.2f}).",
                                   "ko": "minimal pair 정확도 {pair:.2f} (우연 수준 {chance:.2f})."},
    "coreference.threshold": {"en": "2 s.e. above chance", "ko": "우연 수준 + 2 표준오차"},
    "coreference.threshold_help": {"en": "With this many sentences, an accuracy below this is within luck of chance.",
                                   "ko": "이 문장 수에서는 이보다 낮은 정확도는 운으로도 나올 수 있습니다."},
    "coreference.accuracy_title": {"en": "Accuracy of every layer × head (white = chance)",
                                   "ko": "레이어 × 헤드별 정확도 (흰색 = 우연 수준)"},
    "coreference.luck": {
        "en": "The best of {heads} heads is expected to beat chance by luck alone; compare it with the "
              "attention-free baselines and the minimal-pair accuracy.",
        "ko": "{heads}개 헤드 중 최고는 운만으로도 우연 수준을 넘을 수 있습니다; 어텐션을 쓰지 않는 기준선과 "
              "minimal pair 정확도와 비교하세요."},
    "coreference.best_heads": {"en": "Best heads", "ko": "가장 좋은 헤드"},
    "coreference.per_example": {"en": "Sentence by sentence, for one head", "ko": "한 헤드의 문장별 결과"},
    "coreference.head_option": {"en": "layer {layer}, head {head}: accuracy {accuracy:.2f}",
                                "ko": "레이어 {layer}, 헤드 {head}: 정확도 {accuracy:.2f}"},
    # Compare.
    "compare.title": {"en": "Compare models: side by side, and parity with transformers",
                      "ko": "모델 비교: 나란히 보기, 그리고 transformers와의 일치 확인"},
    "compare.no_model": {"en": "No model is available: see the sidebar.",
                         "ko": "사용할 수 있는 모델이 없습니다: 사이드바를 보세요."},
    "compare.left": {"en": "Left model", "ko": "왼쪽 모델"},
    "compare.one_model": {
        "en": "This server offers one model, {model}, so there is nothing to put beside it: the page shows it alone "
              "and checks it against transformers. Whoever starts the server can add a second one (below).",
        "ko": "이 서버가 제공하는 모델은 {model} 하나뿐이라 옆에 놓을 모델이 없습니다: 이 모델만 보여 주고 "
              "transformers와 비교합니다. 서버를 시작하는 사람이 두 번째 모델을 추가할 수 있습니다(아래)."},
    "compare.add_model_title": {"en": "For the operator: adding a model", "ko": "운영자용: 모델 추가하기"},
    "compare.add_model": {
        "en": "Start the server with the models to offer, a hub id or a local BERT folder each: "
              "`make run MODELS=\"bert-base-uncased path/to/folder\"` (or one per line in the file named by "
              "`DASHBOARD_MODELS_FILE`). They appear in the sidebar and in both pickers here.",
        "ko": "제공할 모델(허브 id 또는 로컬 BERT 폴더)을 붙여 서버를 시작하세요: "
              "`make run MODELS=\"bert-base-uncased path/to/folder\"` (또는 `DASHBOARD_MODELS_FILE`이 가리키는 "
              "파일에 한 줄에 하나씩). 사이드바와 이 페이지의 두 선택 상자에 나타납니다."},
    "compare.right": {"en": "Right model", "ko": "오른쪽 모델"},
    "compare.shown": {"en": "layer {layer} of {layers}, head {head} of {heads}",
                      "ko": "레이어 {layer}/{layers}, 헤드 {head}/{heads}"},
    "compare.nearest": {"en": " (the nearest to the controls: this model is smaller)",
                        "ko": " (이 모델이 더 작아서 선택값에 가장 가까운 것)"},
    "compare.truncated": {"en": "{full} tokens: {model} reads the first {kept}.",
                          "ko": "토큰 {full}개: {model}은(는) 앞의 {kept}개만 읽습니다."},
    "compare.parity": {"en": "Parity: from scratch vs transformers", "ko": "일치 확인: 직접 구현 vs transformers"},
    "compare.parity_model": {"en": "Model to check", "ko": "확인할 모델"},
    "compare.tolerance": {"en": "Tolerance", "ko": "허용 오차"},
    "compare.running": {"en": "Running transformers on the same input …", "ko": "같은 입력으로 transformers 실행 중 …"},
    "compare.cannot": {"en": "Parity cannot be checked for {model}: {error}",
                       "ko": "{model}은(는) 일치 여부를 확인할 수 없습니다: {error}"},
    "compare.verdict": {"en": "max |ours − transformers| = {diff:.2e} over {rows} quantities ({tokens} tokens, "
                              "transformers.{reference}); tolerance {atol:g}",
                        "ko": "값 {rows}개에서 최대 |직접 구현 − transformers| = {diff:.2e} (토큰 {tokens}개, "
                              "transformers.{reference}); 허용 오차 {atol:g}"},
    "compare.within": {"en": "Within tolerance: ", "ko": "허용 오차 이내: "},
    "compare.beyond": {"en": "Beyond tolerance: ", "ko": "허용 오차 초과: "},
}

# The model's own answer, the minimal pair and the causal test on the Coreference page.
COREFERENCE_EXPERIMENT_LABELS: dict[str, dict[str, str]] = {
    "coreference.own_answer": {"en": "The model's own answer (substitution)", "ko": "모델 자신의 답 (대입)"},
    "coreference.representation_answer": {"en": "Representation answer (no MLM head)",
                                          "ko": "표현 벡터로 본 답 (MLM head 없음)"},
    "coreference.no_mlm": {
        "en": "{model} has no masked-LM head, so it cannot give its own answer by substitution: that needs one. "
              "Shown instead: the candidate whose last-layer vector is closest to the pronoun's, a weaker probe, "
              "beside the attention above.",
        "ko": "{model}에는 masked-LM head가 없어 대입으로 자기 답을 낼 수 없습니다 (MLM head가 필요). 대신 마지막 층 "
              "벡터가 대명사와 가장 가까운 후보를 보여 줍니다: 위의 어텐션 옆에 놓는 더 약한 탐침입니다."},
    "coreference.same_word": {"en": "Two chosen candidates are the same word: substitution cannot tell them apart.",
                              "ko": "고른 후보 두 개가 같은 단어라 대입으로는 구별할 수 없습니다."},
    "coreference.no_answer": {
        "en": "The candidates could not be put in the pronoun's place in this text (a word the tokenizer rewrites, "
              "such as an accent or an unknown piece, or text cut off at the model's length).",
        "ko": "이 문장에서는 후보를 대명사 자리에 넣을 수 없습니다 (토크나이저가 바꾸는 단어: 악센트, 모르는 조각, "
              "또는 모델 길이에서 잘린 부분)."},
    "coreference.substitution_how": {
        "en": "Each candidate is put in the pronoun's place (Trinh & Le, 2018) and its own pieces are masked "
              "(Kocijan et al., 2019); the score is the mean log-probability the MLM head gives them there, and the "
              "bars are the softmax of those scores. This answer does not read any attention weight. The sentences "
              "it scored:",
        "ko": "각 후보를 대명사 자리에 넣고 (Trinh & Le, 2018) 그 후보의 조각을 가린 뒤 (Kocijan et al., 2019), MLM "
              "head가 그 자리에 주는 평균 로그 확률을 점수로 씁니다. 막대는 그 점수의 softmax입니다. 이 답은 어텐션 "
              "가중치를 전혀 읽지 않습니다. 점수를 매긴 문장:"},
    "coreference.representation_how": {
        "en": "Cosine similarity between the pronoun's last-layer vector and each candidate's (mean over pieces). "
              "Not the model's own answer: a model without an MLM head has none to give.",
        "ko": "대명사의 마지막 층 벡터와 각 후보 벡터(조각 평균)의 코사인 유사도입니다. 모델 자신의 답은 아닙니다: MLM "
              "head가 없는 모델은 낼 답이 없습니다."},
    "coreference.noun_rule": {
        "en": "Suggested candidates are the sentence's nouns and names, nearest to the pronoun first: the nouns the "
              "story grammar uses (and their plurals) and its people's names; a word it does not know when it ends "
              "a noun phrase (the little old river: river). Its adjectives never are. A built-in sentence gets its "
              "labelled candidates. Add or remove any word.",
        "ko": "제안 후보는 문장의 명사와 이름이며, 대명사에 가까운 것부터 보입니다: 이야기 문법이 쓰는 명사(복수형 "
              "포함)와 사람 이름, 그리고 문법이 모르는 단어라면 명사구의 끝에 올 때(the little old river의 river). "
              "형용사는 후보가 되지 않습니다. 내장 문장이면 라벨에 있는 후보를 씁니다. 어떤 단어든 더하거나 뺄 수 "
              "있습니다."},
    "coreference.heads_ranked": {"en": "Every head, ranked", "ko": "모든 헤드의 순위"},
    # Minimal pair.
    "coreference.pair_title": {"en": "Minimal pair: two sentences side by side",
                               "ko": "Minimal pair: 두 문장을 나란히"},
    "coreference.pair_intro": {
        "en": "Change one word and the answer flips: chosen heads' attention from the pronoun to each candidate, "
              "and the model's own answer, for both sentences at once.",
        "ko": "한 단어만 바꾸면 답이 뒤집힙니다: 고른 헤드들이 대명사에서 각 후보로 보내는 어텐션과 모델 자신의 답을 "
              "두 문장 동시에 봅니다."},
    "coreference.pair_sentence": {"en": "Sentence {n}", "ko": "문장 {n}"},
    "coreference.pair_two_sentences": {"en": "Type two sentences to compare.", "ko": "비교할 문장 두 개를 입력하세요."},
    "coreference.pair_pronoun": {"en": "Pronoun", "ko": "대명사"},
    "coreference.pair_correct": {"en": "Correct answer in sentence {n}", "ko": "문장 {n}의 정답"},
    "coreference.not_marked": {"en": "(not marked)", "ko": "(표시 안 함)"},
    "coreference.scoring_train": {"en": "Ranking every head on the generated set's training half …",
                                  "ko": "생성된 문장 집합의 학습 절반으로 모든 헤드의 순위를 매기는 중 …"},
    "coreference.pair_heads": {"en": "Heads", "ko": "헤드"},
    "coreference.pair_heads_help": {
        "en": "Default: the three best heads ranked on the training half of the generated pronoun set.",
        "ko": "기본값: 생성된 대명사 문장 집합의 학습 절반에서 순위를 매긴 가장 좋은 헤드 세 개."},
    "coreference.pair_choose": {"en": "Choose a pronoun, at least two candidates and at least one head.",
                                "ko": "대명사 하나, 후보 두 개 이상, 헤드 하나 이상을 고르세요."},
    "coreference.pair_missing": {"en": "Sentence {n} lacks the pronoun or one of the candidates.",
                                 "ko": "문장 {n}에 대명사나 후보 중 하나가 없습니다."},
    "coreference.pair_marks": {
        "en": "Black outline: the correct answer. Top: attention (0 to 1) in each chosen head, one colour per "
              "candidate. Bottom: the model's own answer by substitution (softmax of the scores).",
        "ko": "검은 테두리: 정답. 위: 고른 헤드마다의 어텐션(0~1), 후보마다 한 색. 아래: 대입으로 얻은 모델 자신의 답 "
              "(점수의 softmax)."},
    "coreference.pair_marks_representation": {
        "en": "Black outline: the correct answer. Top: attention (0 to 1) in each chosen head, one colour per "
              "candidate. Bottom: the representation answer (cosine), since this model has no MLM head.",
        "ko": "검은 테두리: 정답. 위: 고른 헤드마다의 어텐션(0~1), 후보마다 한 색. 아래: 이 모델은 MLM head가 없어 "
              "표현 벡터의 답(코사인)을 보여 줍니다."},
    # The causal test.
    "coreference.causal_title": {"en": "The causal test: switch heads off", "ko": "인과 실험: 헤드 끄기"},
    "coreference.causal_intro": {
        "en": "Rank heads by attention accuracy on the **training half** of the generated minimal pairs, switch "
              "the top k off (their output zeroed before W^O) and measure the model's own answer on the **held-out "
              "half**. Switching off *any* k heads costs something, so the same is done for k random heads, many "
              "times: only a drop beyond the random draws' spread says the top heads matter more than heads in "
              "general.",
        "ko": "생성된 minimal pair의 **학습 절반**에서 어텐션 정확도로 헤드 순위를 매기고, 상위 k개를 끈 뒤 "
              "(W^O 앞에서 출력을 0으로) **평가 절반**에서 모델 자신의 답을 잽니다. *아무* 헤드 k개를 꺼도 "
              "손해가 있으므로, 무작위 헤드 k개로도 여러 번 똑같이 합니다: 무작위 결과의 퍼짐을 넘어서는 하락만이 "
              "상위 헤드가 다른 헤드보다 더 중요하다는 뜻입니다."},
    "coreference.causal_no_mlm": {
        "en": "{model} has no masked-LM head: the test measures the representation answer instead of the model's "
              "own answer (which needs one). Attention and ablation still work.",
        "ko": "{model}에는 masked-LM head가 없어, 모델 자신의 답(MLM head 필요) 대신 표현 벡터의 답으로 잽니다. "
              "어텐션과 헤드 끄기는 그대로 됩니다."},
    "coreference.causal_k": {"en": "Heads switched off (k)", "ko": "끌 헤드 수 (k)"},
    "coreference.causal_draws": {"en": "Random draws", "ko": "무작위 추출 횟수"},
    "coreference.causal_cost": {
        "en": "{runs} passes over {examples} held-out sentences: from under a minute to several minutes on a CPU. "
              "Done once per server: every later visitor sees the result at once.",
        "ko": "평가 문장 {examples}개를 {runs}번 통과합니다: CPU에서 1분 미만에서 몇 분까지 걸립니다. 서버마다 한 번만 "
              "계산하고, 이후 방문자는 바로 결과를 봅니다."},
    "coreference.causal_gender": {
        "en": "{left} gender sentences of the held-out half are left out of this measure: once the pronoun is replaced "
              "by a name, both members of a gender pair are the same sentence, so substitution cannot answer them. "
              "The representation answer measures them beside it, after the run.",
        "ko": "평가 절반의 성별 문장 {left}개는 이 측정에서 뺍니다: 대명사를 이름으로 바꾸면 성별 쌍의 두 문장이 같은 "
              "문장이 되어 대입으로는 답할 수 없습니다. 실행 뒤에 표현 답으로 따로 잽니다."},
    "coreference.causal_run": {"en": "Run the causal test", "ko": "인과 실험 실행"},
    "coreference.causal_progress": {"en": "Measuring: run {done} of {total}", "ko": "측정 중: {total}번 중 {done}번째"},
    "coreference.causal_full": {"en": "All heads on", "ko": "모든 헤드 켬"},
    "coreference.causal_top": {"en": "Top {k} heads off", "ko": "상위 헤드 {k}개 끔"},
    "coreference.causal_top_help": {"en": "Switched off: {heads} (ranked on the training half).",
                                    "ko": "끈 헤드: {heads} (학습 절반에서 순위를 매김)."},
    "coreference.causal_random": {"en": "{k} random heads off (mean ± s.d.)",
                                  "ko": "무작위 헤드 {k}개 끔 (평균 ± 표준편차)"},
    "coreference.causal_percentile": {
        "en": "Percentile: {share:.1%} of the {draws} random draws cost as much as the top {k} or more (the lower, "
              "the more the top heads matter beyond heads in general; one lucky draw moves it by 1/{draws}).",
        "ko": "백분위: 무작위 {draws}번 가운데 {share:.1%}가 상위 {k}개만큼 또는 그 이상 정확도를 떨어뜨렸습니다 "
              "(낮을수록 상위 헤드가 헤드 일반보다 중요합니다. 운 좋은 추출 하나는 1/{draws}만큼만 움직입니다)."},
    "coreference.causal_gender_representation": {
        "en": "Gender pairs, which substitution cannot answer, by the representation answer: all heads {full:.3f}, "
              "top {k} off {top:.3f}, {k} random heads off {random:.3f} on average.",
        "ko": "치환으로 답할 수 없는 성별 쌍은 표현 답으로 잽니다: 모든 헤드 {full:.3f}, 상위 {k}개 끔 {top:.3f}, "
              "무작위 {k}개 끔 평균 {random:.3f}."},
    "coreference.causal_random_help": {"en": "{draws} draws, from {low:.3f} to {high:.3f}.",
                                       "ko": "{draws}번 추출, {low:.3f}에서 {high:.3f}까지."},
    "coreference.causal_beyond": {
        "en": "**Beyond the random spread:** with the top {k} heads off the answer is worse than with every random "
              "draw of {k} heads, and more than 2 standard deviations below their mean.",
        "ko": "**무작위 퍼짐 밖:** 상위 헤드 {k}개를 끄면 무작위로 고른 헤드 {k}개의 어떤 경우보다도 답이 나쁘고, 그 "
              "평균보다 표준편차의 2배 넘게 낮습니다."},
    "coreference.causal_within": {
        "en": "**Within the random spread:** switching off the top {k} heads costs no more than switching off "
              "{k} heads at random; this test does not single these heads out.",
        "ko": "**무작위 퍼짐 안:** 상위 헤드 {k}개를 끄는 손해가 무작위 헤드 {k}개를 끄는 것보다 크지 않습니다; 이 "
              "실험으로는 이 헤드들이 특별하다고 할 수 없습니다."},
    "coreference.causal_honest": {
        "en": "What this shows: whether this model *uses* these heads for this decision (removing them hurts more "
              "than removing others). What it does not show: that these heads \"understand\" coreference or do it "
              "alone (the rest of the network may compensate, or the heads may carry something else the answer "
              "needs), nor anything about another model or other sentences.",
        "ko": "보여 주는 것: 이 모델이 이 결정에 이 헤드들을 *사용하는지* (끄면 다른 헤드를 끌 때보다 더 나빠지는지). "
              "보여 주지 않는 것: 이 헤드들이 상호 참조를 \"이해한다\"거나 혼자 해낸다는 것 (네트워크의 나머지가 "
              "보완하거나, 답에 필요한 다른 정보를 이 헤드가 나를 수도 있음), 그리고 다른 모델이나 다른 문장에 대한 "
              "어떤 것도."},
    "coreference.causal_command": {
        "en": "The same numbers from the command line: python -m core coreference --model {model} --ablate "
              "top:{k} --draws {draws}",
        "ko": "명령줄에서 같은 수치: python -m core coreference --model {model} --ablate top:{k} --draws {draws}"},
    "coreference.run_all": {"en": "all heads", "ko": "모든 헤드"},
    "coreference.run_top": {"en": "top {k}", "ko": "상위 {k}개"},
    "coreference.run_random": {"en": "random {n}", "ko": "무작위 {n}"},
    "col.run": {"en": "run", "ko": "실행"},
    "col.heads_off": {"en": "heads off", "ko": "끈 헤드"},
}

# The Masked LM page's head switches (dashboard/widgets/head_switches.py).
HEAD_SWITCH_LABELS: dict[str, dict[str, str]] = {
    "heads.title": {"en": "Switch heads off", "ko": "헤드 끄기"},
    "heads.intro": {
        "en": "Choose attention heads to switch off (their output zeroed before W^O) and compare the predictions "
              "with every head on (grey) and with those heads off (orange).",
        "ko": "끌 어텐션 헤드를 고르세요 (W^O 앞에서 출력을 0으로). 모든 헤드를 켰을 때(회색)와 그 헤드를 껐을 때"
              "(주황)의 예측을 비교합니다."},
    "heads.off": {"en": "Heads switched off", "ko": "끈 헤드"},
    "heads.placeholder": {"en": "e.g. L3 H2", "ko": "예: L3 H2"},
    "heads.none": {"en": "Every head is on.", "ko": "모든 헤드가 켜져 있습니다."},
    "heads.changed": {"en": "With {heads} of {all} heads off, the all-heads top-1 token's probability moved by "
                            "**{mean}** on average over {total} [MASK]; the top-1 token changed at **{changed} of "
                            "{total}**.",
                      "ko": "헤드 {all}개 중 {heads}개를 끄자 [MASK] {total}개에서 모든 헤드일 때 1위 토큰의 확률이 "
                            "평균 **{mean}** 움직였고, 1위 토큰은 **{total}개 중 {changed}개**에서 바뀌었습니다."},
    "heads.near_ties": {
        "en": "{near} of these {changed} changes were between near-ties: with every head on, the new top-1 was "
              "already within a factor {ratio} of the old one, a lead one unremarkable head can overturn. Read the "
              "change in probability there, not the new winner.",
        "ko": "바뀐 {changed}개 중 {near}개는 거의 동점 사이의 변화였습니다: 모든 헤드가 켜져 있을 때도 새 1위가 "
              "이전 1위의 {ratio}배 안에 있었고, 이 정도 차이는 평범한 헤드 하나로도 뒤집힙니다. 새 1위보다 "
              "확률의 변화를 읽으세요."},
    "heads.nsp": {"en": "NSP with these heads off", "ko": "이 헤드를 끈 NSP"},
    "heads.honest": {
        "en": "A change shows the model uses these heads for this prediction; no change does not show they are "
              "useless (others may carry the same information).",
        "ko": "예측이 바뀌면 모델이 이 예측에 이 헤드를 쓴다는 뜻입니다. 바뀌지 않는다고 쓸모없다는 뜻은 아닙니다 "
              "(다른 헤드가 같은 정보를 나를 수 있음)."},
    "col.top_before": {"en": "top 1, all heads", "ko": "1위, 모든 헤드"},
    "col.p_before": {"en": "p, all heads", "ko": "확률, 모든 헤드"},
    "col.top_after": {"en": "top 1, heads off", "ko": "1위, 헤드 끔"},
    "col.p_after": {"en": "p, heads off", "ko": "확률, 헤드 끔"},
    "col.changed": {"en": "changed", "ko": "바뀜"},
    "col.p_top_after": {"en": "p of that token, heads off", "ko": "그 토큰의 확률, 헤드 끔"},
    "col.p_change": {"en": "Δp of the top 1", "ko": "1위의 확률 변화"},
    "col.near_tie": {"en": "near-tie", "ko": "거의 동점"},
}

# Words the chart builders of charts/coreference.py and charts/head_ablation.py write (see labels_charts.py).
COREFERENCE_CHART_LABELS: dict[str, dict[str, str]] = {
    "chart.own_answer_title": {"en": "the model's own answer: {choice}", "ko": "모델 자신의 답: {choice}"},
    "chart.representation_title": {"en": "representation answer: {choice}", "ko": "표현 벡터의 답: {choice}"},
    "chart.cosine_axis": {"en": "cosine to the pronoun (last layer)", "ko": "대명사와의 코사인 (마지막 층)"},
    "chart.preference_axis": {"en": "preference (softmax of substitution scores)",
                              "ko": "선호도 (대입 점수의 softmax)"},
    "chart.pair_attention": {"en": "sentence {n}: attention from {pronoun}",
                             "ko": "문장 {n}: {pronoun}에서 가는 어텐션"},
    "chart.pair_own": {"en": "sentence {n}: the model's own answer {choice}",
                       "ko": "문장 {n}: 모델 자신의 답 {choice}"},
    "chart.pair_own_correct": {"en": "sentence {n}: the model's own answer {choice}<br>(correct: {answer})",
                               "ko": "문장 {n}: 모델 자신의 답 {choice}<br>(정답: {answer})"},
    "chart.pair_representation": {"en": "sentence {n}: representation answer {choice}",
                                  "ko": "문장 {n}: 표현 벡터의 답 {choice}"},
    "chart.pair_representation_correct": {"en": "sentence {n}: representation answer {choice}<br>(correct: {answer})",
                                          "ko": "문장 {n}: 표현 벡터의 답 {choice}<br>(정답: {answer})"},
    "chart.pair_no_answer": {"en": "sentence {n}: no answer", "ko": "문장 {n}: 답 없음"},
    "chart.preference": {"en": "preference", "ko": "선호도"},
    "chart.cosine": {"en": "cosine", "ko": "코사인"},
    "chart.all_heads_on": {"en": "all heads", "ko": "모든 헤드"},
    "chart.heads_off": {"en": "{n} head(s) off", "ko": "헤드 {n}개 끔"},
    "chart.random_draw": {"en": "one random draw", "ko": "무작위 추출 1회"},
    "chart.mean_sd": {"en": "mean ± 1 s.d.", "ko": "평균 ± 표준편차"},
    "chart.causal_axis_own": {"en": "held-out accuracy of the model's own answer",
                              "ko": "평가 절반에서 모델 자신의 답의 정확도"},
    "chart.causal_axis_representation": {"en": "held-out accuracy of the representation answer",
                                         "ko": "평가 절반에서 표현 벡터 답의 정확도"},
    "chart.tick.causal_all": {"en": "all heads", "ko": "모든 헤드"},
    "chart.tick.causal_top": {"en": "top {k} heads off", "ko": "상위 헤드 {k}개 끔"},
    "chart.tick.causal_random": {"en": "{k} random heads off ({draws} draws)",
                                 "ko": "무작위 헤드 {k}개 끔 ({draws}회)"},
}

ANALYSIS_LABELS.update(COREFERENCE_EXPERIMENT_LABELS)
ANALYSIS_LABELS.update(HEAD_SWITCH_LABELS)
ANALYSIS_LABELS.update(COREFERENCE_CHART_LABELS)
