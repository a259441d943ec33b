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
