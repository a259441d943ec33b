"""Short UI texts every page shares: navigation, sidebar, pickers, messages, table columns.

{key: {"en": ..., "ko": ...}}; ``{name}`` fields are filled by ``t(key, name=...)``. Korean follows the
lecture notes' terms (어텐션, 임베딩, 인코더/디코더, 레이어, 헤드); Query/Key/Value, softmax and the like stay
in English inside Korean sentences, as the notes write them.
"""

from __future__ import annotations

COMMON_LABELS: dict[str, dict[str, str]] = {
    # Navigation (st.navigation titles) and the browser tab's title.
    "nav.section.start": {"en": "Start", "ko": "시작"},
    "nav.section.recurrent": {"en": "Recurrent models", "ko": "순환 모델"},
    "nav.section.transformer": {"en": "Transformer", "ko": "트랜스포머"},
    "nav.section.gpt": {"en": "GPT-1", "ko": "GPT-1 모델"},
    "nav.section.bert": {"en": "BERT", "ko": "BERT 모델"},
    "nav.home": {"en": "Home", "ko": "홈"},
    "nav.embeddings": {"en": "Embeddings", "ko": "임베딩"},
    "nav.attention": {"en": "Attention", "ko": "어텐션"},
    "nav.attention_arithmetic": {"en": "Attention arithmetic", "ko": "어텐션 계산"},
    "nav.positional_encoding": {"en": "Positional encoding", "ko": "위치 인코딩"},
    "nav.masked_lm": {"en": "Masked LM", "ko": "마스크 언어 모델"},
    "nav.translation": {"en": "Translation", "ko": "번역"},
    "nav.beam_search": {"en": "Beam search", "ko": "빔 서치"},
    "nav.coreference": {"en": "Coreference", "ko": "상호 참조"},
    "nav.compare": {"en": "Compare models", "ko": "모델 비교"},
    "app.title": {"en": "Attention dashboard", "ko": "어텐션 대시보드"},
    # Sidebar.
    "sidebar.model": {"en": "Model", "ko": "모델"},
    "sidebar.model_help": {"en": "The models this server offers (set by the operator at start-up).",
                           "ko": "이 서버가 제공하는 모델입니다(운영자가 시작할 때 정합니다)."},
    "sidebar.text_a": {"en": "Sentence A", "ko": "문장 A"},
    "sidebar.text_a_help": {"en": "Press Enter to run. Write [MASK] to hide a word from the model.",
                            "ko": "Enter를 누르면 실행됩니다. 단어를 모델에게서 가리려면 [MASK]라고 쓰세요."},
    "sidebar.text_b": {"en": "Sentence B (optional)", "ko": "문장 B (선택)"},
    "sidebar.text_b_help": {"en": "A second segment: BERT sees [CLS] A [SEP] B [SEP].",
                            "ko": "두 번째 문장: BERT는 [CLS] A [SEP] B [SEP]를 읽습니다."},
    "sidebar.language": {"en": "Explanations", "ko": "설명 언어"},
    "sidebar.presenter": {"en": "Presenter mode", "ko": "발표 모드"},
    "sidebar.presenter_help": {
        "en": "For a projector: large, near-black chart text, no chart toolbar, the sidebar folded away "
              "(open it again with the arrow at the top left). The link keeps the mode.",
        "ko": "프로젝터용: 차트 글자를 크고 검게, 차트 도구 모음 없이, 사이드바는 접힙니다 "
              "(왼쪽 위 화살표로 다시 엽니다). 링크에 이 모드가 남습니다."},
    "widgets.choose": {"en": "Choose options", "ko": "선택하세요"},
    "sidebar.bert_controls": {"en": "BERT pages: model and sentences", "ko": "BERT 페이지: 모델과 문장"},
    "sidebar.no_model": {
        "en": "No model is available. Put a BERT folder under models/ or start the server with "
              "`make run MODELS=\"bert-base-uncased path/to/folder\"`.",
        "ko": "사용할 수 있는 모델이 없습니다. models/ 아래에 BERT 폴더를 두거나 "
              "`make run MODELS=\"bert-base-uncased path/to/folder\"`로 서버를 시작하세요."},
    "load.loading": {"en": "Loading {name} …", "ko": "{name} 불러오는 중 …"},
    "load.failed_short": {"en": "Could not load {name}", "ko": "{name}을(를) 불러오지 못했습니다"},
    "load.loaded": {"en": "Loaded {name}: {layers} layers × {heads} heads, width {width}",
                    "ko": "{name} 불러옴: 레이어 {layers}개 × 헤드 {heads}개, 너비 {width}"},
    "load.failed": {"en": "Could not load {name}: {error}", "ko": "{name}을(를) 불러오지 못했습니다: {error}"},
    "load.still_showing": {"en": "Still showing {name}.", "ko": "계속 {name}의 결과를 보여 줍니다."},
    "trace.choose_model": {"en": "Choose a model that loads in the sidebar.",
                           "ko": "사이드바에서 불러올 수 있는 모델을 고르세요."},
    "trace.type_sentence": {"en": "Type a sentence in the sidebar (Sentence A) and press Enter.",
                            "ko": "사이드바의 문장 A 칸에 문장을 입력하고 Enter를 누르세요."},
    "trace.truncated": {
        "en": "The input has {full} tokens but {model} reads at most {kept}: only the first {kept} tokens are shown.",
        "ko": "입력은 {full}개 토큰이지만 {model}은(는) 최대 {kept}개까지 읽습니다: 앞의 {kept}개 토큰만 보여 줍니다."},
    "input.unknown": {
        "en": "{model} does not know these words: each became [UNK] (unknown), so the model reads nothing of them: "
              "{words}",
        "ko": "{model}이(가) 모르는 단어입니다. 각각 [UNK](알 수 없음)가 되어 모델은 그 내용을 전혀 읽지 못합니다: "
              "{words}"},
    "input.split": {"en": "Words not in the vocabulary, read as WordPiece pieces: {words}",
                    "ko": "어휘에 없어 WordPiece 조각으로 나뉘어 읽힌 단어: {words}"},
    # Shared widgets.
    "widgets.explanation": {"en": "Explanation", "ko": "설명"},
    "widgets.layer": {"en": "Layer", "ko": "레이어"},
    "widgets.head": {"en": "Head", "ko": "헤드"},
    "widgets.token": {"en": "Token", "ko": "토큰"},
    "widgets.layer_head": {"en": "layer {layer}, head {head}", "ko": "레이어 {layer}, 헤드 {head}"},
    "widgets.empty": {"en": "(empty)", "ko": "(빈 번역)"},
    # Translator controls (translation and beam-search pages).
    "translator.caption": {"en": "Translation pages: the sentences above feed BERT; the translator reads this one.",
                           "ko": "번역 페이지: 위 문장은 BERT용이고, 번역기는 아래 문장을 읽습니다."},
    "translator.name": {"en": "Translator", "ko": "번역기"},
    "translator.name_help": {"en": "Encoder-decoder models this server offers.",
                             "ko": "이 서버가 제공하는 인코더-디코더 모델입니다."},
    "translator.source": {"en": "Source sentence", "ko": "원문 (영어)"},
    "translator.source_help": {
        "en": "English; press Enter to translate. The tiny translator knows only the words of its training grammar.",
        "ko": "영어 문장을 쓰고 Enter를 누르면 번역합니다. 작은 번역기는 학습 문법에 있는 단어만 압니다."},
    "translator.none": {
        "en": "No translator is available: train one with `python -m core train translator` (it is saved to "
              "models/tiny-translator) or start the server with DASHBOARD_TRANSLATORS=path/to/folder.",
        "ko": "사용할 번역기가 없습니다: `python -m core train translator`로 학습하거나(models/tiny-translator에 "
              "저장) DASHBOARD_TRANSLATORS=폴더 경로로 서버를 시작하세요."},
    "translator.empty": {"en": "Type an English source sentence in the sidebar and press Enter.",
                         "ko": "사이드바에 영어 문장을 입력하고 Enter를 누르세요."},
    "translator.no_english": {"en": "The translator reads English words (letters a–z); this sentence has none.",
                              "ko": "번역기는 영어 단어(a–z)만 읽습니다. 이 문장에는 영어 단어가 없습니다."},
    "translator.ignored": {"en": "Not English words, left out of the translation: {words}",
                           "ko": "영어 단어가 아니어서 번역에서 빠진 부분: {words}"},
    "translator.cannot": {"en": "Cannot translate this sentence: {error}.",
                          "ko": "이 문장은 번역할 수 없습니다: {error}."},
}

# Table column headers, renamed for display only (downloads keep these keys). "col." + the frame's column.
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "col.layer": {"en": "layer", "ko": "레이어"},
    "col.head": {"en": "head", "ko": "헤드"},
    "col.rank": {"en": "rank", "ko": "순위"},
    "col.position": {"en": "position", "ko": "위치"},
    "col.original": {"en": "original token", "ko": "원래 토큰"},
    "col.token": {"en": "token", "ko": "토큰"},
    "col.probability": {"en": "probability", "ko": "확률"},
    "col.key_position": {"en": "key position", "ko": "key 위치"},
    "col.key_token": {"en": "key token", "ko": "key 토큰"},
    "col.q_dot_k": {"en": "q · k", "ko": "q·k 점수"},
    "col.scaled": {"en": "÷ √d_k", "ko": "÷√d_k 한 값"},
    "col.masked": {"en": "after the mask", "ko": "마스크 적용"},
    "col.softmax": {"en": "softmax weight", "ko": "softmax 결과"},
    "col.model_attention": {"en": "model's attention", "ko": "모델의 어텐션"},
    "col.abs_difference": {"en": "|difference|", "ko": "절대 차이"},
    "col.top": {"en": "top candidate", "ko": "최고 후보"},
    "col.margin": {"en": "margin", "ko": "차이"},
    "col.attention_to": {"en": "attention to {name}", "ko": "{name}에 대한 어텐션"},
    "col.accuracy": {"en": "accuracy", "ko": "정확도"},
    "col.pair_accuracy": {"en": "minimal-pair accuracy", "ko": "minimal pair 정확도"},
    "col.chance": {"en": "chance", "ko": "우연 수준"},
    "col.id": {"en": "id", "ko": "번호"},
    "col.text": {"en": "text", "ko": "문장"},
    "col.pronoun": {"en": "pronoun", "ko": "대명사"},
    "col.answer": {"en": "answer", "ko": "정답"},
    "col.head_choice": {"en": "head's choice", "ko": "헤드의 선택"},
    "col.credit": {"en": "credit", "ko": "점수"},
    "col.attention": {"en": "attention", "ko": "어텐션"},
    "col.first candidate": {"en": "first candidate", "ko": "첫 후보 규칙"},
    "col.nearest candidate": {"en": "nearest candidate", "ko": "가장 가까운 후보 규칙"},
    "col.hypothesis": {"en": "hypothesis", "ko": "가설"},
    "col.translation": {"en": "translation", "ko": "번역"},
    "col.score": {"en": "score", "ko": "점수"},
    "col.log_prob": {"en": "log probability", "ko": "log 확률"},
    "col.tokens (with </s>)": {"en": "tokens (with </s>)", "ko": "토큰 수 (</s> 포함)"},
    "col.node": {"en": "node", "ko": "노드"},
    "col.quantity": {"en": "quantity", "ko": "비교한 값"},
    "col.max_abs_diff": {"en": "largest |difference|", "ko": "최대 절대 차이"},
    "col.attention probs": {"en": "attention probs", "ko": "어텐션 확률"},
    "col.hidden state": {"en": "hidden state", "ko": "은닉 상태"},
}
