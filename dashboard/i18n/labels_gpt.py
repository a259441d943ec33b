"""Short UI texts of the two GPT pages (the next word; GPT and BERT side by side), their charts and table columns.

{key: {"en": ..., "ko": ...}}. Korean follows the lecture notes' terms (어텐션, 토큰, 레이어, 헤드, 양방향성);
temperature, top-k, top-p and greedy keep their English names inside Korean sentences, as the field writes them;
beam search is 빔 서치, as on the Beam search page.
"""

from __future__ import annotations

GPT_LABELS: dict[str, dict[str, str]] = {
    "nav.gpt_next_word": {"en": "GPT: the next word", "ko": "GPT: 다음 단어"},
    "nav.gpt_vs_bert": {"en": "GPT and BERT", "ko": "GPT와 BERT 비교"},
    "flow.link.gpt_next_word": {"en": "See it: GPT, the next word", "ko": "보기: GPT, 다음 단어 예측"},
    "flow.link.gpt_vs_bert": {"en": "See it: GPT and BERT side by side", "ko": "보기: GPT와 BERT 나란히"},
    # Sidebar and notices.
    "gpt.sidebar_caption": {"en": "GPT pages: the language model they read.",
                            "ko": "GPT 페이지: 이 페이지들이 쓰는 언어 모델입니다."},
    "gpt.model": {"en": "GPT model", "ko": "GPT 모델"},
    "gpt.model_help": {"en": "Decoder-only models this server offers (GPT-1 or GPT-2 checkpoints).",
                       "ko": "이 서버가 제공하는 decoder-only 모델입니다(GPT-1 또는 GPT-2 체크포인트)."},
    "gpt.prompt": {"en": "Prompt", "ko": "프롬프트"},
    "gpt.prompt_help": {"en": "The beginning of a text; press Enter, and the model predicts what comes next.",
                        "ko": "글의 앞부분을 쓰고 Enter를 누르면 모델이 다음에 올 토큰을 예측합니다."},
    "gpt.none": {
        "en": "No GPT model is available on this server: train one with `python -m core train gpt` (it is saved to "
              "models/tiny-gpt) or start the server with DASHBOARD_GPTS=path/to/folder.",
        "ko": "이 서버에는 사용할 GPT 모델이 없습니다: `python -m core train gpt`로 학습하거나(models/tiny-gpt에 저장) "
              "DASHBOARD_GPTS=폴더 경로로 서버를 시작하세요."},
    "gpt.no_tokenizer": {"en": "{model} has no tokenizer (vocab.json or tokenizer.json), so it cannot read text.",
                         "ko": "{model}에는 토크나이저(vocab.json 또는 tokenizer.json)가 없어 글을 읽을 수 없습니다."},
    "gpt.empty_prompt": {"en": "Type a prompt in the sidebar and press Enter.",
                         "ko": "사이드바에 프롬프트를 입력하고 Enter를 누르세요."},
    "gpt.truncated": {
        "en": "The input has {full} tokens but this page reads at most {kept} with {model}: only the last {kept} "
              "tokens are read (the next word depends on how the text ends).",
        "ko": "입력은 {full}개 토큰이지만 이 페이지는 {model}로 최대 {kept}개까지 읽습니다: 마지막 {kept}개 토큰만 "
              "읽습니다(다음 단어는 글의 끝부분에 달려 있으므로)."},
    "gpt.byte_pieces": {
        "en": "{pieces} tokens are pieces of a character: {model}'s byte-level BPE reads any text as UTF-8 bytes and "
              "merges only the byte pairs it saw often, so Korean or emoji arrive as bytes, shown ⟨in hex⟩.",
        "ko": "{pieces}개 토큰은 글자의 조각입니다: {model}의 byte-level BPE는 어떤 글이든 UTF-8 바이트로 읽고 자주 본 "
              "바이트 쌍만 합치므로, 한국어나 이모지는 바이트 단위로 들어옵니다(⟨16진수⟩로 표시)."},
    "gpt.reads": {"en": "The model reads these {count} tokens (␣ marks a leading space):",
                  "ko": "모델이 읽는 {count}개 토큰(␣는 앞의 공백):"},
    "gpt.tokens_table": {"en": "Tokens, their ids and bytes", "ko": "토큰과 id, 바이트"},
    # The next token.
    "gpt.temperature": {"en": "Temperature", "ko": "Temperature (온도)"},
    "gpt.temperature_help": {
        "en": "Divides the logits before the softmax: below 1 sharpens the distribution, above 1 flattens it.",
        "ko": "softmax 전에 logit을 나눕니다: 1보다 작으면 분포가 뾰족해지고, 크면 평평해집니다."},
    "gpt.top_k": {"en": "Top-k (0: off)", "ko": "Top-k (0: 끔)"},
    "gpt.top_k_help": {"en": "Keep only the k most probable tokens.", "ko": "확률이 가장 높은 k개 토큰만 남깁니다."},
    "gpt.top_p": {"en": "Top-p (1: off)", "ko": "Top-p (1: 끔)"},
    "gpt.top_p_help": {
        "en": "Nucleus sampling: keep the most probable tokens until their probabilities add up to p.",
        "ko": "Nucleus sampling: 확률 합이 p가 될 때까지 확률이 높은 토큰부터 남깁니다."},
    "gpt.next_header": {"en": "The next token", "ko": "다음 토큰"},
    "gpt.next_title": {"en": "The {shown} most probable next tokens", "ko": "다음 토큰 후보 상위 {shown}개"},
    "gpt.next_caption": {
        "en": "Bars: probability after the temperature, grey where top-k or top-p removed the token; orange: the "
              "renormalised probability sampling draws from; black tick: the probability at temperature 1.",
        "ko": "막대: temperature를 적용한 확률(top-k나 top-p가 지운 토큰은 회색); 주황색: 다시 정규화한, "
              "샘플링이 실제로 뽑는 확률; 검은 눈금: temperature 1일 때의 확률."},
    "gpt.kept": {"en": "Tokens left", "ko": "남은 토큰"},
    "gpt.kept_help": {"en": "Tokens top-k and top-p leave, of the whole vocabulary.",
                      "ko": "전체 어휘 중 top-k와 top-p를 거치고 남은 토큰 수입니다."},
    "gpt.kept_by_k": {"en": "Left by top-k alone", "ko": "top-k만 적용했을 때"},
    "gpt.kept_by_k_help": {"en": "Tokens left before top-p cuts (ties with the k-th stay).",
                           "ko": "top-p를 적용하기 전 남은 토큰 수입니다(k번째와 같은 값은 남습니다)."},
    "gpt.kept_mass": {"en": "Probability kept", "ko": "남은 확률 합"},
    "gpt.kept_mass_help": {"en": "How much of the distribution (at the temperature) the kept tokens held before "
                                 "renormalising.",
                           "ko": "남은 토큰들이 다시 정규화하기 전에(temperature 적용 후) 갖던 확률의 합입니다."},
    # Generation.
    "gpt.generate_header": {"en": "Generating, token by token", "ko": "토큰 하나씩 생성하기"},
    "gpt.max_new": {"en": "New tokens", "ko": "새 토큰 수"},
    "gpt.seed": {"en": "Seed", "ko": "시드(seed)"},
    "gpt.seed_help": {"en": "The same seed draws the same tokens; change it for another sample.",
                      "ko": "같은 시드는 같은 토큰을 뽑습니다. 바꾸면 다른 샘플이 나옵니다."},
    "gpt.beam": {"en": "Beam width", "ko": "빔 너비"},
    "gpt.beam_help": {"en": "Hypotheses beam search keeps at each step.",
                      "ko": "빔 서치가 단계마다 유지하는 가설의 수입니다."},
    "gpt.off": {"en": "off", "ko": "끔"},
    "gpt.generate_caption": {
        "en": "Sampled with temperature {temperature}, top-k {top_k}, top-p {top_p}, seed {seed}; greedy takes the "
              "most probable token at each step; beam search keeps the best hypotheses by their length-normalised "
              "log-probability.",
        "ko": "샘플링: temperature {temperature}, top-k {top_k}, top-p {top_p}, 시드 {seed}; greedy는 단계마다 확률이 "
              "가장 높은 토큰을 고르고, 빔 서치는 길이로 정규화한 log 확률이 가장 좋은 가설들을 유지합니다."},
    "gpt.method_sampled": {"en": "sampled", "ko": "샘플링"},
    "gpt.method_greedy": {"en": "greedy", "ko": "greedy (탐욕)"},
    "gpt.method_beam": {"en": "beam #{rank}", "ko": "빔 #{rank}"},
    "gpt.no_room": {"en": "The prompt fills all {positions} positions of the model: no room to generate.",
                    "ko": "프롬프트가 모델의 위치 {positions}개를 모두 채워 더 생성할 자리가 없습니다."},
    "gpt.steps_header": {"en": "The sampled continuation, one token at a time",
                         "ko": "샘플링한 이어쓰기, 한 토큰씩"},
    "gpt.step": {"en": "Step", "ko": "단계"},
    "gpt.prompt_marker": {"en": "(prompt)", "ko": "(프롬프트)"},
    "gpt.step_title": {"en": "Step {step}: the distribution {token} was drawn from",
                       "ko": "{step}단계: {token}을(를) 뽑은 분포"},
    "gpt.step_outside": {"en": "The drawn token {token} is not among the {shown} most probable shown.",
                         "ko": "뽑힌 토큰 {token}은(는) 그림의 상위 {shown}개 안에 없습니다."},
    "gpt.tree_header": {"en": "Beam search's tree", "ko": "빔 서치 트리"},
    "gpt.tree_root": {"en": "(prompt)", "ko": "(프롬프트)"},
    "gpt.tree_end": {"en": "(end)", "ko": "(끝)"},
    "gpt.tree_title": {"en": "Beam search, width {beam}, at most {max_new} new tokens",
                       "ko": "빔 서치, 너비 {beam}, 새 토큰 최대 {max_new}개"},
    "gpt.tree_caption": {
        "en": "{nodes} hypotheses compared ({scored} scored in all); the orange band is the greedy continuation "
              "as far as the tree holds it. (end) closes a hypothesis: the model's end token, or the length limit.",
        "ko": "비교한 가설 {nodes}개(점수를 매긴 것은 모두 {scored}개); 주황색 띠는 트리 안에 있는 만큼의 greedy "
              "이어쓰기입니다. (끝)은 가설을 닫습니다: 모델의 끝 토큰, 또는 길이 제한."},
    # Attention.
    "gpt.attention_header": {"en": "Causal attention, every layer and head", "ko": "Causal 어텐션, 모든 레이어와 헤드"},
    "gpt.attention_caption": {
        "en": "Each token may attend only to itself and the tokens before it: the look-ahead mask forbids "
              "{share:.0%} of the cells, drawn in pink (their weight is exactly 0).",
        "ko": "각 토큰은 자기 자신과 앞의 토큰만 볼 수 있습니다: look-ahead mask가 칸의 {share:.0%}를 막으며, "
              "분홍색으로 그렸습니다(가중치는 정확히 0)."},
    "gpt.tab.All heads": {"en": "All heads", "ko": "모든 헤드"},
    "gpt.tab.One head": {"en": "One head", "ko": "헤드 하나"},
    "gpt.tab.Head view": {"en": "Head view", "ko": "헤드 뷰"},
    "gpt.lines_query": {"en": "Token whose lines to draw", "ko": "선을 그릴 토큰"},
    "gpt.lines_caption": {"en": "Lines run only to earlier tokens: the mask leaves no line to the future.",
                          "ko": "선은 앞의 토큰으로만 이어집니다: mask 때문에 미래로 가는 선은 없습니다."},
    # GPT and BERT side by side.
    "vs.reads": {"en": "{model} reads:", "ko": "{model}이(가) 읽는 토큰:"},
    "vs.masks_header": {"en": "What each token may look at", "ko": "각 토큰이 볼 수 있는 것"},
    "vs.gpt_cells": {"en": "GPT: allowed query-key cells", "ko": "GPT: 허용된 query-key 칸"},
    "vs.gpt_cells_help": {"en": "T (T + 1) / 2 of T²: each token sees itself and the tokens before it.",
                          "ko": "T² 중 T (T + 1) / 2: 각 토큰은 자신과 앞의 토큰을 봅니다."},
    "vs.bert_cells": {"en": "BERT: allowed query-key cells", "ko": "BERT: 허용된 query-key 칸"},
    "vs.bert_cells_help": {"en": "T² of T²: every token sees every token, before and after it.",
                           "ko": "T² 중 T²: 모든 토큰이 앞뒤의 모든 토큰을 봅니다."},
    "vs.gpt_mask_title": {"en": "GPT: causal mask (only the past)", "ko": "GPT: causal mask (과거만)"},
    "vs.bert_mask_title": {"en": "BERT: no mask (both sides)", "ko": "BERT: mask 없음 (양쪽 모두)"},
    "vs.masks_caption": {
        "en": "Blue: the query (row) may attend to the key (column); pink: forbidden. The two models cut the "
              "sentence into different tokens (byte-level BPE against WordPiece, with [CLS] and [SEP]).",
        "ko": "파란색: query(행)가 key(열)를 볼 수 있음; 분홍색: 금지. 두 모델은 문장을 다른 토큰으로 나눕니다"
              "(byte-level BPE와 [CLS], [SEP]가 붙는 WordPiece)."},
    "vs.no_words": {"en": "The sentence has no word to follow.", "ko": "문장에 따라갈 단어가 없습니다."},
    "vs.word": {"en": "Word to follow", "ko": "따라갈 단어"},
    "vs.word_help": {"en": "Its first token is followed in both models.",
                     "ko": "두 모델에서 이 단어의 첫 토큰을 따라갑니다."},
    "vs.word_missing": {"en": "{word} is cut off (or is the very first token) for one of the models: choose another "
                              "word.",
                        "ko": "{word}은(는) 한 모델에서 잘렸거나 맨 첫 토큰입니다: 다른 단어를 고르세요."},
    "vs.attends_header": {"en": "Where \u201c{word}\u201d attends", "ko": "\u201c{word}\u201d이(가) 보는 곳"},
    "vs.ranking": {"en": "Ranking both models' heads on the pronoun set …",
                   "ko": "대명사 데이터로 두 모델의 헤드 순위를 매기는 중 …"},
    "vs.gpt_head": {"en": "GPT layer and head", "ko": "GPT 레이어와 헤드"},
    "vs.bert_head": {"en": "BERT layer and head", "ko": "BERT 레이어와 헤드"},
    "vs.head_option": {"en": "layer {layer}, head {head}", "ko": "레이어 {layer}, 헤드 {head}"},
    "vs.best_mark": {"en": " (best head)", "ko": " (최고 헤드)"},
    "vs.head_help": {"en": "Starts at the model's best head for pronouns (ranked as on the Coreference page).",
                     "ko": "처음에는 대명사에 가장 좋은 헤드(상호 참조 페이지의 순위)를 보여 줍니다."},
    "vs.best_caption": {
        "en": "Best heads, ranked on the Coreference page's built-in pronoun sentences (the share where the "
              "pronoun's attention goes most to the right noun): GPT {gpt} ({gpt_accuracy:.0%}), BERT {bert} "
              "({bert_accuracy:.0%}).",
        "ko": "상호 참조 페이지의 기본 대명사 문장으로 매긴 최고 헤드(대명사의 어텐션이 맞는 명사로 가장 많이 가는 "
              "비율): GPT {gpt} ({gpt_accuracy:.0%}), BERT {bert} ({bert_accuracy:.0%})."},
    "vs.row_title": {"en": "{model}, layer {layer} head {head}: attention from “{word}”",
                     "ko": "{model}, 레이어 {layer} 헤드 {head}: “{word}”의 어텐션"},
    "vs.future_gpt": {"en": "GPT: attention on later tokens (this head)", "ko": "GPT: 뒤 토큰에 준 어텐션 (이 헤드)"},
    "vs.future_bert": {"en": "BERT: attention on later tokens (this head)",
                       "ko": "BERT: 뒤 토큰에 준 어텐션 (이 헤드)"},
    "vs.future_title": {"en": "Share of the attention of “{word}” on the tokens after it, per layer (mean of the "
                              "heads)",
                        "ko": "“{word}”의 어텐션 중 뒤 토큰으로 간 몫, 레이어별 (헤드 평균)"},
    "vs.future_caption": {
        "en": "Bidirectionality (양방향성) made visible: BERT's word reads the words after it in every layer; GPT's "
              "share is exactly 0, because the mask never lets it look ahead.",
        "ko": "양방향성을 눈으로: BERT의 단어는 모든 레이어에서 뒤의 단어를 읽지만, GPT의 몫은 정확히 0입니다. mask가 "
              "앞을 내다보지 못하게 하기 때문입니다."},
    "vs.predict_header": {"en": "Predicting \u201c{word}\u201d: the next word against the masked word",
                          "ko": "\u201c{word}\u201d 예측: 다음 단어 예측과 가린 단어 예측"},
    "vs.predict_intro": {
        "en": "GPT predicts “{word}” from the words before it (its training task: the next word); BERT sees “{word}” "
              "replaced by [MASK] and reads both sides (masked language modelling). Change the ending after “{word}”: "
              "only BERT's prediction can move.",
        "ko": "GPT는 “{word}” 앞의 단어들로 “{word}”을(를) 예측합니다(학습 과제: 다음 단어). "
              "BERT는 “{word}”이(가) [MASK]로 바뀐 문장을 양쪽 모두 읽고 예측합니다(Masked Language Model). "
              "“{word}” 뒤의 끝부분을 바꿔 보세요: BERT의 예측만 달라질 수 있습니다."},
    "vs.ending": {"en": "Another ending after the word", "ko": "단어 뒤의 다른 끝부분"},
    "vs.ending_help": {"en": "The sentence is kept up to the word, then this ending follows.",
                       "ko": "문장을 단어까지 그대로 두고 그 뒤에 이 끝부분을 붙입니다."},
    "vs.other_sentence": {"en": "Sentence 2:", "ko": "문장 2:"},
    "vs.panel_gpt": {"en": "GPT, next word: sentence {n}", "ko": "GPT, 다음 단어: 문장 {n}"},
    "vs.panel_bert": {"en": "BERT, [MASK]: sentence {n}", "ko": "BERT, [MASK]: 문장 {n}"},
    "vs.type_ending": {"en": "Type another ending to compare.", "ko": "비교할 다른 끝부분을 입력하세요."},
    "vs.change_gpt": {"en": "GPT: largest change of a probability", "ko": "GPT: 확률의 최대 변화"},
    "vs.change_bert": {"en": "BERT: largest change of a probability", "ko": "BERT: 확률의 최대 변화"},
    "vs.change_help": {"en": "max over the vocabulary of |p(sentence 1) − p(sentence 2)| at the word.",
                       "ko": "그 단어 위치에서 어휘 전체에 대한 |p(문장 1) − p(문장 2)|의 최댓값."},
    "vs.bidirectional": {
        "en": "GPT's prediction of “{word}” cannot change: it never reads what comes after (0 up to float rounding). "
              "BERT's does: it reads both sides. That is the notes' bidirectionality (양방향성).",
        "ko": "GPT의 “{word}” 예측은 바뀔 수 없습니다: 뒤에 오는 것을 읽지 않기 때문입니다"
              "(부동소수점 반올림 수준의 0). BERT의 예측은 바뀝니다: 양쪽을 모두 읽기 때문입니다. "
              "이것이 강의 노트의 양방향성입니다."},
    "vs.no_mlm": {"en": "{model} has no masked-language-model head: choose a BERT with one in the sidebar.",
                  "ko": "{model}에는 Masked LM head가 없습니다: 사이드바에서 head가 있는 BERT를 고르세요."},
    # Charts.
    "chart.gpt_at_temperature": {"en": "at the temperature", "ko": "temperature 적용"},
    "chart.gpt_renormalised": {"en": "renormalised (sampled from)", "ko": "다시 정규화 (샘플링 분포)"},
    "chart.gpt_t1": {"en": "at temperature 1", "ko": "temperature 1일 때"},
    "chart.gpt_status_kept": {"en": "kept", "ko": "남음"},
    "chart.gpt_status_cut_by_top_k": {"en": "removed by top-k", "ko": "top-k가 지움"},
    "chart.gpt_status_cut_by_top_p": {"en": "removed by top-p", "ko": "top-p가 지움"},
    "chart.gpt_drawn": {"en": "drawn", "ko": "뽑힌 토큰"},
    "chart.gpt_masked": {"en": "masked (a later token)", "ko": "mask됨 (뒤의 토큰)"},
    "chart.gpt_before": {"en": "before the word", "ko": "단어 앞"},
    "chart.gpt_itself": {"en": "the word", "ko": "단어 자신"},
    "chart.gpt_after": {"en": "after the word", "ko": "단어 뒤"},
    "chart.gpt_layer": {"en": "layer", "ko": "레이어"},
    "chart.gpt_future_share": {"en": "attention on later tokens", "ko": "뒤 토큰에 준 어텐션"},
    "hover.gpt_status": {"en": "status: {v}", "ko": "상태: {v}"},
    "hover.gpt_probability_t1": {"en": "probability at temperature 1: {v}", "ko": "temperature 1일 때 확률: {v}"},
    "hover.gpt_probability": {"en": "probability at the temperature: {v}", "ko": "temperature 적용 확률: {v}"},
    "hover.gpt_renormalised": {"en": "renormalised: {v}", "ko": "다시 정규화한 확률: {v}"},
    "hover.gpt_masked": {"en": "masked: a later token, weight 0", "ko": "mask됨: 뒤의 토큰, 가중치 0"},
    "hover.gpt_may_see": {"en": "may attend", "ko": "볼 수 있음"},
    "hover.gpt_may_not_see": {"en": "masked: may not attend", "ko": "mask됨: 볼 수 없음"},
    "hover.gpt_layer": {"en": "layer {v}", "ko": "레이어 {v}"},
    "hover.gpt_future_share": {"en": "on later tokens: {v}", "ko": "뒤 토큰에: {v}"},
    # Table columns (the downloads keep the English keys).
    "col.token_id": {"en": "token id", "ko": "토큰 id"},
    "col.bpe_token": {"en": "BPE token", "ko": "BPE 토큰"},
    "col.bytes": {"en": "bytes", "ko": "바이트"},
    "col.shown_as": {"en": "shown as", "ko": "표시"},
    "col.from_text": {"en": "from the text", "ko": "원문 글자"},
    "col.method": {"en": "method", "ko": "방법"},
    "col.continuation": {"en": "continuation", "ko": "이어쓴 글"},
    "col.tokens": {"en": "tokens", "ko": "토큰 수"},
    "col.probability_t1": {"en": "probability at temperature 1", "ko": "temperature 1일 때 확률"},
    "col.prediction": {"en": "prediction", "ko": "예측"},
    "col.true_token": {"en": "true token", "ko": "실제 토큰"},
    "col.renormalised": {"en": "probability drawn from (after the cuts)", "ko": "뽑은 분포의 확률 (자른 뒤)"},
}
