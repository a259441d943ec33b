"""Short UI texts of the Translation page's pronoun section ("translation needs coreference too"), in English and
Korean."""

from __future__ import annotations

PRONOUN_LABELS: dict[str, dict[str, str]] = {
    "pronoun.header": {"en": "Translation needs coreference too: «it» → il or elle?",
                       "ko": "번역에도 상호참조가 필요합니다: «it» → il 또는 elle?"},
    "pronoun.intro": {
        "en": "French has no neutral *it*: the pronoun takes its antecedent's gender, *il* for *l'animal* "
              "(masculine), *elle* for *la rue* (feminine). To write it, the translator must decide what *it* "
              "means, as BERT does on the Coreference page. Below, the sentence and its twin with the other "
              "ending; each heatmap is the cross-attention of the decoder step that wrote the pronoun, one row "
              "per head, on every English word (▲ marks the nouns it could mean).",
        "ko": "프랑스어에는 중성 *it*이 없습니다. 대명사는 선행사의 성을 따라 *l'animal*(남성)이면 *il*, "
              "*la rue*(여성)이면 *elle*가 됩니다. 그래서 번역기는 *it*이 무엇을 가리키는지 정해야 합니다. "
              "상호참조 페이지에서 BERT가 하는 일과 같습니다. 아래는 문장과 끝만 다른 쌍둥이 문장입니다. 각 "
              "히트맵은 대명사를 쓴 디코더 단계의 cross-attention이며, 헤드마다 한 줄, 영어 단어마다 한 칸입니다"
              "(▲: 가리킬 수 있는 명사)."},
    "flow.link.translation_pronoun": {"en": "See it: translation needs coreference too (il or elle?)",
                                      "ko": "보기: 번역에도 상호참조가 필요합니다 (il 또는 elle?)"},
    "coreference.translation_link": {
        "en": "Translation needs coreference too: this sentence through the translator, il or elle",
        "ko": "번역에도 상호참조가 필요합니다: 이 문장을 번역기로, il 또는 elle"},
    "pronoun.twin": {"en": "Twin sentence (the other ending)", "ko": "쌍둥이 문장 (다른 끝)"},
    "pronoun.twin_help": {
        "en": "Filled in from the sentence: the same causal sentence with an adjective of the other noun, so *it* "
              "changes noun. Type any sentence to compare.",
        "ko": "위 문장에서 자동으로 채웁니다. 같은 인과 문장에 다른 명사의 형용사를 넣어 *it*이 가리키는 명사가 "
              "바뀌게 합니다. 비교할 문장을 직접 입력해도 됩니다."},
    "pronoun.this_sentence": {"en": "This sentence", "ko": "이 문장"},
    "pronoun.twin_sentence": {"en": "Its twin", "ko": "쌍둥이 문장"},
    "pronoun.wrote": {"en": "Wrote **{pronoun}**", "ko": "번역: **{pronoun}**"},
    "pronoun.agrees": {"en": "**{pronoun}** agrees with {nouns}: the translator took *it* to mean {english}.",
                       "ko": "**{pronoun}** → {nouns}과(와) 성·수가 맞습니다. 번역기는 *it*을 *{english}*(으)로 "
                             "읽었습니다."},
    "pronoun.agrees_several": {
        "en": "**{pronoun}** agrees with more than one noun ({nouns}): the pronoun alone does not tell which.",
        "ko": "**{pronoun}** → 여러 명사({nouns})와 성·수가 맞아, 대명사만으로는 어느 것인지 알 수 없습니다."},
    "pronoun.agrees_none": {"en": "**{pronoun}** agrees with none of the sentence's nouns.",
                            "ko": "**{pronoun}** → 문장에 성·수가 맞는 명사가 없습니다."},
    "pronoun.none": {"en": "The translation has no il, elle, ils or elles: nothing to show for this sentence.",
                     "ko": "번역에 il, elle, ils, elles가 없어 이 문장에서는 보여 줄 것이 없습니다."},
    "pronoun.no_nouns": {"en": "No noun of the translator's world in this sentence.",
                         "ko": "이 문장에는 번역기 세계의 명사가 없습니다."},
    "pronoun.looked": {
        "en": "Where the step writing «{pronoun}» looked, averaged over every head: most on {looked}; on the "
              "nouns: {nouns}.",
        "ko": "«{pronoun}» 단계가 본 곳(모든 헤드 평균): 가장 많이 {looked}; 명사에는 {nouns}."},
    "pronoun.chart_title": {"en": "«{pronoun}»: cross-attention of every decoder head",
                            "ko": "«{pronoun}»: 모든 디코더 헤드의 cross-attention"},
    "pronoun.recorded": {
        "en": "Measured on 400 held-out twin sentences (`eval translator --pronouns`): the right pronoun in "
              "{all:.1%} (il {il:.1%}, elle {elle:.1%}). ★ marks the best heads of that test, ranked on one half "
              "and scored on the other: {heads}.",
        "ko": "따로 떼어 둔 쌍둥이 문장 400개에서 잰 값(`eval translator --pronouns`): 맞는 대명사 {all:.1%} "
              "(il {il:.1%}, elle {elle:.1%}). ★는 그 시험의 최고 헤드입니다(절반으로 순위, 나머지 절반으로 "
              "채점): {heads}."},
    "pronoun.not_recorded": {
        "en": "This translator was trained before the pronoun test existed: no held-out figure to show.",
        "ko": "이 번역기는 대명사 시험이 생기기 전에 학습되어 보여 줄 측정값이 없습니다."},
    "pronoun.other_grammar": {
        "en": "{model} learned grammar version {version}, which has no causal sentences with *it*: choose the "
              "translator trained on the story world (version 3) to see il and elle.",
        "ko": "{model}은(는) *it*이 들어간 인과 문장이 없는 문법 버전 {version}을(를) 배웠습니다. "
              "il과 elle의 차이를 보려면 "
              "이야기 세계(버전 3)로 학습한 번역기를 고르세요."},
    "pronoun.masculine": {"en": "masculine", "ko": "남성"},
    "pronoun.feminine": {"en": "feminine", "ko": "여성"},
    "chart.pronoun.source": {"en": "English source word", "ko": "영어 원문 단어"},
}
