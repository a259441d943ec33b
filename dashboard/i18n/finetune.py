"""The Fine-tuning page's explanation and short UI texts, in English and Korean, from note 003 (GPT-1 and BERT:
"unsupervised pre-training & supervised fine-tuning", transfer "with minimal change to the structure", an answer
to the shortage of labelled data) and note 000 (a dummy token learns where to attend; a classifier on it classifies
the whole input, a classifier on each token classifies token by token). Markdown written by us, never user text.

Korean follows the notes' terms (사전학습, 파인튜닝, 레이블, 분류기, 어텐션); the four feelings are Korean words in
Korean mode, since a class label is shown text, not data.
"""

from __future__ import annotations

FINETUNE_PAGES: dict[str, dict[str, str]] = {
    "fine_tuning": {
        "en": """
Note 003 gives **GPT-1** and **BERT** the same first line: *unsupervised pre-training & supervised fine-tuning*.
**Pre-training** learns from plain text with no labels (BERT: the masked words and the next sentence; GPT: the next
word). **Fine-tuning** then adapts the pretrained model to a task with labels *with minimal change to its
structure*: one small classifier is added on top, and every weight goes on learning a little. That is the notes'
answer to the **shortage of labelled data**: what the model learned from text need not be learned again from a few
labels.

**Where the classifier sits** (note 000). A dummy token, BERT's `[CLS]`, is put in front of the input and goes
through every Transformer block like a word, so it *learns where in the input to attend*. It stands for the whole
input, so a classifier on its last vector classifies the whole input (here: a feeling); a classifier on each token's
vector would classify token by token.

**The task.** A short event and a question: *Mary beat Tom in the race. How did Tom feel?* The feeling word never
appears; the answer (happy, sad, angry or scared) follows from the event and from who is asked about. *Tom beat
Mary in the race* holds the same words in another order and the opposite answer, so no single keyword decides.
Accuracy is measured on held-out stories phrased in ways no training example is.
""",
        "ko": """
노트 003은 **GPT-1** 과 **BERT** 에 같은 첫 줄을 적습니다: *Unsupervised pre-training & supervised fine-tuning*.
**사전학습(pre-training)** 은 레이블 없는 글로 배웁니다(BERT: 가려진 단어와 다음 문장, GPT: 다음 단어).
**파인튜닝(fine-tuning)** 은 그다음 사전학습된 모델을 레이블이 있는 과제에 맞춥니다. *최소한의 구조 변화로*: 위에
작은 분류기 하나만 더하고, 모든 가중치가 조금씩 더 배웁니다. 이것이 **labeled data 부족** 에 대한 노트의
답입니다: 모델이 글에서 이미 배운 것을 적은 레이블로 다시 배울 필요가 없습니다.

**분류기는 어디에 붙나** (노트 000). dummy token, 곧 BERT의 `[CLS]` 를 입력 맨 앞에 두면 단어처럼 모든
Transformer 블록을 지나면서 *input 중 어디에 attention 할지를 배웁니다*. 이 토큰이 입력 전체를 대표하므로 그 마지막
벡터에 분류기를 달면 입력 전체를 분류하고(여기서는 감정), 토큰마다 분류기를 달면 token level로 분류합니다.

**과제.** 짧은 사건과 질문: *Mary beat Tom in the race. How did Tom feel?* 감정 단어는 나오지 않습니다. 답(기쁨,
슬픔, 화남, 두려움)은 사건과, 누구에 대해 묻는지에서 나옵니다. *Tom beat Mary in the race* 는 같은 단어를 다른
순서로 담고 답은 반대이므로, 단어 하나로는 답이 정해지지 않습니다. 정확도는 어떤 학습 예제와도 다르게 표현된
held-out 이야기로 잽니다.
""",
    },
}

FINETUNE_LABELS: dict[str, dict[str, str]] = {
    "nav.section.finetune": {"en": "Pretrain, then fine-tune", "ko": "사전학습 후 파인튜닝"},
    "nav.fine_tuning": {"en": "Fine-tuning", "ko": "파인튜닝"},
    "home.page.fine_tuning": {
        "en": "fine-tune the pretrained BERT on a few labelled stories, live, beside the same model from random "
              "weights; the learning curve; where [CLS] attends before and after.",
        "ko": "사전학습된 BERT를 레이블된 이야기 몇 개로 직접 파인튜닝하고, 무작위 가중치에서 시작한 같은 모델과 "
              "나란히 봅니다. 학습 곡선, 그리고 파인튜닝 전후에 [CLS]가 어디를 보는지."},
    "flow.link.fine_tuning": {"en": "See it: pretrain, then fine-tune (live)",
                              "ko": "보기: 사전학습 후 파인튜닝 (직접 학습)"},
    "finetune.title": {"en": "Pretrain, then fine-tune", "ko": "사전학습 후 파인튜닝"},
    # The four feelings (core.data.feelings_task.LABELS), shown as class names.
    "finetune.label.happy": {"en": "happy", "ko": "기쁨"},
    "finetune.label.sad": {"en": "sad", "ko": "슬픔"},
    "finetune.label.angry": {"en": "angry", "ko": "화남"},
    "finetune.label.scared": {"en": "scared", "ko": "두려움"},
    # Training live.
    "finetune.train_header": {"en": "Fine-tune it yourself", "ko": "직접 파인튜닝하기"},
    "finetune.train_intro": {
        "en": "Choose how many labelled stories the classifier may learn from and press *Train*. {model} is "
              "fine-tuned first; then the same architecture from random weights learns from the same labels, so "
              "the two end side by side.",
        "ko": "분류기가 배울 레이블된 이야기 수를 고르고 *학습* 을 누르세요. 먼저 {model}을(를) 파인튜닝하고, 이어서 "
              "같은 구조를 무작위 가중치에서 같은 레이블로 학습하므로 둘이 나란히 끝납니다."},
    "finetune.examples": {"en": "Labelled examples", "ko": "레이블된 예제 수"},
    "finetune.examples_help": {
        "en": "Stories with their feeling drawn from the training pool; the fewer there are, the more pre-training "
              "should matter.",
        "ko": "학습용 이야기에서 감정 레이블과 함께 뽑는 예제 수입니다. 적을수록 사전학습이 더 중요해야 합니다."},
    "finetune.seed": {"en": "Seed", "ko": "시드"},
    "finetune.seed_help": {"en": "Which examples are drawn and how the classifier starts: the same seed gives the "
                                 "same run, shared by everyone on this server.",
                           "ko": "어떤 예제를 뽑고 분류기가 어떻게 시작할지 정합니다. 같은 시드는 같은 실행이며, "
                                 "이 서버의 모두가 함께 씁니다."},
    "finetune.train": {"en": "Train", "ko": "학습"},
    "finetune.cost": {"en": "One run trains {model}, then the random model, {steps} steps at most each; this server "
                            "trains one run at a time.",
                      "ko": "한 번의 실행은 {model}과(와) 무작위 모델을 차례로 각각 최대 {steps}단계 학습합니다. 이 "
                            "서버는 한 번에 하나씩 학습합니다."},
    "finetune.too_large": {
        "en": "{model} has {millions} M parameters: a live run would take far more than a minute, so this page "
              "trains only models up to {most} M (tiny-bert). The shipped results below still show.",
        "ko": "{model}의 파라미터는 {millions} M개라 직접 학습하면 1분을 훨씬 넘기므로, 이 페이지는 {most} M개까지의 "
              "모델(tiny-bert)만 학습합니다. 아래의 미리 측정한 결과는 볼 수 있습니다."},
    "finetune.queued": {
        "en": "Your run waits in line: {ahead} run(s) train before it. This server trains one at a time, so every "
              "page stays quick; your run is kept and starts by itself.",
        "ko": "내 실행이 대기 중입니다: 앞에 {ahead}개 실행이 있습니다. 이 서버는 한 번에 하나만 학습해서 모든 "
              "페이지가 빠르게 유지되며, 내 실행은 그대로 남아 있다가 저절로 시작합니다."},
    "finetune.progress": {
        "en": "{phase}: step {step} of {total} · loss {loss} · validation accuracy {accuracy}",
        "ko": "{phase}: {total}단계 중 {step}단계 · 손실 {loss} · 검증 정확도 {accuracy}"},
    "finetune.starting": {"en": "{phase}: starting…", "ko": "{phase}: 시작하는 중…"},
    "finetune.phase.pretrained": {"en": "Pretrained, then fine-tuned", "ko": "사전학습 후 파인튜닝"},
    "finetune.phase.random": {"en": "From random weights", "ko": "무작위 가중치에서 시작"},
    "finetune.shared": {
        "en": "Someone on this server already made this run (same model, examples and seed): its result is shown "
              "at once.",
        "ko": "이 서버의 누군가가 이미 같은 실행(같은 모델, 예제 수, 시드)을 했습니다. 그 결과를 바로 보여 줍니다."},
    "finetune.full": {
        "en": "{waiting} runs are already waiting on this server. Try again in a minute, or choose a number of "
              "examples someone has trained already.",
        "ko": "이 서버에서 이미 {waiting}개 실행이 대기 중입니다. 잠시 후 다시 하거나, 누군가 이미 학습한 예제 수를 "
              "고르세요."},
    "finetune.failed": {"en": "The training failed: {error}", "ko": "학습에 실패했습니다: {error}"},
    "finetune.no_base": {
        "en": "No pretrained BERT to fine-tune is loaded on this server, so live training is off. The shipped "
              "results below still show.",
        "ko": "이 서버에 파인튜닝할 사전학습 BERT가 없어 직접 학습은 꺼져 있습니다. 아래의 미리 측정한 결과는 볼 수 "
              "있습니다."},
    "finetune.result_header": {"en": "Your run", "ko": "내 실행"},
    "finetune.heldout_accuracy": {"en": "{phase}: held-out accuracy", "ko": "{phase}: held-out 정확도"},
    "finetune.heldout_help": {
        "en": "Share of the held-out stories whose feeling the classifier names; four feelings, so guessing gets "
              "about 25 %.",
        "ko": "held-out 이야기 중 분류기가 감정을 맞힌 비율입니다. 감정이 네 가지라 찍으면 약 25 %입니다."},
    "finetune.run_summary": {
        "en": "{examples} labelled examples, seed {seed}: {steps} steps in {seconds} s.",
        "ko": "레이블된 예제 {examples}개, 시드 {seed}: {seconds}초 동안 {steps}단계."},
    "finetune.run_time": {"en": "Both trainings took {seconds} s on this server ({cpu} s of one core's time).",
                          "ko": "두 학습에 이 서버에서 {seconds}초가 걸렸습니다(코어 하나의 시간으로 {cpu}초)."},
    "finetune.pretraining_gain": {
        "en": "Pre-training is worth {gain} points of held-out accuracy with {examples} labelled examples.",
        "ko": "레이블된 예제 {examples}개에서 사전학습의 효과는 held-out 정확도 {gain}%p입니다."},
    # The learning curve.
    "finetune.curve_header": {"en": "The learning curve: accuracy against labelled examples",
                              "ko": "학습 곡선: 레이블된 예제 수에 따른 정확도"},
    "finetune.curve_intro": {
        "en": "Measured once on this project's machine, each point over {seeds} seeds (the line: mean; the band: "
              "lowest to highest). A bag-of-words classifier sees which words occur but not their order.",
        "ko": "이 프로젝트의 컴퓨터에서 한 번 측정했고, 점마다 시드 {seeds}개입니다(선: 평균, 띠: 최저에서 최고). "
              "bag-of-words 분류기는 어떤 단어가 나오는지는 보지만 순서는 보지 못합니다."},
    "finetune.curve_missing": {"en": "The measured learning curve is not on this server yet.",
                               "ko": "측정한 학습 곡선이 아직 이 서버에 없습니다."},
    "finetune.curve_unreadable": {"en": "The learning curve's file cannot be read: {error}",
                                  "ko": "학습 곡선 파일을 읽을 수 없습니다: {error}"},
    "finetune.curve_mark": {"en": "the run just made is marked ★", "ko": "방금 한 실행은 ★로 표시했습니다"},
    # What changed.
    "finetune.changed_header": {"en": "What changed: where {token} attends, before and after",
                                "ko": "무엇이 바뀌었나: 파인튜닝 전후에 {token}이(가) 보는 곳"},
    "finetune.changed_header_any": {"en": "What changed: where the classified token attends, before and after",
                                    "ko": "무엇이 바뀌었나: 파인튜닝 전후에 분류되는 토큰이 보는 곳"},
    # The token each family's sequence head reads (core.finetune.heads): BERT's first, GPT's last.
    "finetune.token.bert": {"en": "the [CLS] token", "ko": "[CLS] 토큰"},
    "finetune.token.gpt": {"en": "the last token", "ko": "마지막 토큰"},
    "finetune.changed_intro.bert": {
        "en": "The sentence in the sidebar through the model before fine-tuning and after it. BERT's classifier reads "
              "**[CLS]**, the dummy token put in front of the input: each row is one head of the last layers, each "
              "cell the attention from [CLS] to a token.",
        "ko": "사이드바의 문장을 파인튜닝 전과 후의 모델에 넣었습니다. BERT의 분류기는 입력 맨 앞에 둔 dummy token "
              "**[CLS]** 를 읽습니다. 각 행은 마지막 레이어들의 헤드 하나, 각 칸은 [CLS]에서 토큰으로 가는 "
              "어텐션입니다."},
    "finetune.changed_intro.gpt": {
        "en": "The sentence in the sidebar through the model before fine-tuning and after it. GPT has no [CLS]: it "
              "reads left to right, so its classifier reads the **last token**, the only one that has seen the whole "
              "input (GPT-1, fig. 1). Each row is one head of the last layers, each cell the attention from the "
              "last token to a token at or before it.",
        "ko": "사이드바의 문장을 파인튜닝 전과 후의 모델에 넣었습니다. GPT에는 [CLS]가 없습니다. 왼쪽에서 오른쪽으로 "
              "읽으므로 분류기는 입력 전체를 본 유일한 토큰인 **마지막 토큰** 을 읽습니다(GPT-1, 그림 1). 각 행은 "
              "마지막 레이어들의 헤드 하나, 각 칸은 마지막 토큰에서 그 토큰 또는 그 앞의 토큰으로 가는 어텐션입니다."},
    "finetune.which_model": {"en": "Fine-tuned model", "ko": "파인튜닝된 모델"},
    "finetune.which_model_help": {
        "en": "A fine-tuned checkpoint shipped with the dashboard, or a run made on this server.",
        "ko": "대시보드와 함께 제공되는 파인튜닝 체크포인트, 또는 이 서버에서 한 실행입니다."},
    "finetune.live_run": {"en": "run on this server: {examples} examples, seed {seed}",
                          "ko": "이 서버의 실행: 예제 {examples}개, 시드 {seed}"},
    "finetune.no_finetuned": {
        "en": "No fine-tuned model yet: train one above (shipped fine-tuned checkpoints show here once they are "
              "in models/).",
        "ko": "아직 파인튜닝된 모델이 없습니다. 위에서 학습하세요(제공되는 파인튜닝 체크포인트가 있으면 여기에 "
              "나옵니다)."},
    "finetune.prediction": {"en": "The fine-tuned model's answer: **{label}** ({probability})",
                            "ko": "파인튜닝된 모델의 답: **{label}** ({probability})"},
    "finetune.known": {"en": "Known answer of this story: {label}", "ko": "이 이야기의 정답: {label}"},
    "finetune.layers": {"en": "Last layers shown", "ko": "보여 줄 마지막 레이어 수"},
    "finetune.type_sentence": {"en": "Type a story in the sidebar, e.g. “Mary beat Tom in the race. How did Tom "
                                     "feel?”",
                               "ko": "사이드바에 이야기를 입력하세요. 예: “Mary beat Tom in the race. How did Tom "
                                     "feel?”"},
    "finetune.off_task": {
        "en": "The classifier only knows four feelings and stories like the task's; on other text it still picks "
              "one of them.",
        "ko": "분류기는 감정 네 가지와 과제 같은 이야기만 압니다. 다른 글에도 넷 중 하나를 고릅니다."},
    # Token by token (the token task, core.data.feeling_tags_task).
    "finetune.tags_header": {"en": "Token by token: each person's feeling", "ko": "토큰마다: 사람마다의 감정"},
    "finetune.tags_intro": {
        "en": "Note 000's other classifier: one on **each token**, which classifies token by token. This one was "
              "fine-tuned to tag every mention of a person with the feeling the story gives them: in *Mary beat "
              "Tom in the race. Later Tom sat down.* Mary is happy and both Toms are sad; swap the two names and "
              "every tag changes, though the last sentence is the same. Only the story world's names are tagged, so "
              "only they are shown.",
        "ko": "노트 000의 또 다른 분류기: **토큰마다** 분류기를 달아 token level로 분류합니다. 이 분류기는 이야기에 "
              "나오는 사람이 언급될 때마다 그 사람의 감정을 달도록 파인튜닝했습니다. *Mary beat Tom in the race. "
              "Later Tom sat down.* 에서 Mary는 기쁨, 두 Tom은 모두 슬픔입니다. 두 이름을 바꾸면 마지막 문장이 같아도 "
              "모든 레이블이 바뀝니다. 이야기 세계의 이름만 레이블을 달도록 배웠으므로 이름만 보여 줍니다."},
    "finetune.which_tagger": {"en": "Token classifier", "ko": "토큰 분류기"},
    "finetune.no_tagger": {"en": "No token classifier is shipped on this server.",
                           "ko": "이 서버에는 제공되는 토큰 분류기가 없습니다."},
    "finetune.no_names": {"en": "The sentence names none of the story world's people (Mary, Tom, Lucy, …).",
                          "ko": "문장에 이야기 세계의 사람 이름(Mary, Tom, Lucy, …)이 없습니다."},
    "finetune.tagger_record": {
        "en": "This classifier learnt from {examples} labelled stories (seed {seed}). It tags {validation} of the "
              "names right in stories phrased as in training, and {heldout} in held-out stories phrased in new "
              "ways; a question such as “How did Tom feel?” is a phrasing it never saw.",
        "ko": "이 분류기는 레이블된 이야기 {examples}개(시드 {seed})로 배웠습니다. 학습과 같은 표현의 이야기에서는 "
              "이름의 {validation}, 새로운 표현의 held-out 이야기에서는 {heldout}에 맞는 감정을 답니다. "
              "“How did Tom feel?” 같은 질문은 본 적 없는 표현입니다."},
    "finetune.tags_caption": {
        "en": "Each row is one mention (its word number and the word), each cell the probability of a feeling "
              "at that token. The learning curve of this task is printed by python -m core eval finetune --curve.",
        "ko": "각 행은 이름이 한 번 나온 곳(단어 번호와 단어), 각 칸은 그 토큰에서 각 감정의 확률입니다. "
              "이 과제의 학습 곡선은 python -m core eval finetune --curve 가 출력합니다."},
    # Charts (dashboard/charts/finetune.py).
    "chart.finetune_loss": {"en": "Training loss", "ko": "학습 손실"},
    "chart.finetune_validation": {"en": "Validation accuracy", "ko": "검증 정확도"},
    "chart.finetune_step": {"en": "step", "ko": "단계"},
    "chart.finetune_loss_axis": {"en": "cross-entropy loss", "ko": "교차 엔트로피 손실"},
    "chart.finetune_accuracy_axis": {"en": "accuracy", "ko": "정확도"},
    "chart.finetune_method_pretrained": {"en": "pretrained, then fine-tuned", "ko": "사전학습 후 파인튜닝"},
    "chart.finetune_method_random": {"en": "from random weights", "ko": "무작위 가중치에서 학습"},
    "chart.finetune_method_bag_of_words": {"en": "bag of words (logistic regression)",
                                           "ko": "단어 주머니 (로지스틱 회귀)"},
    "chart.finetune_method_gpt": {"en": "GPT, pretrained, then fine-tuned", "ko": "GPT 사전학습 후 파인튜닝"},
    "chart.finetune_run": {"en": "your run: {method}", "ko": "내 실행: {method}"},
    "chart.finetune_examples_axis": {"en": "labelled examples (log scale)", "ko": "레이블된 예제 수 (로그 눈금)"},
    "chart.finetune_heldout_axis": {"en": "held-out accuracy", "ko": "held-out 정확도"},
    "chart.finetune_curve_title": {"en": "Held-out accuracy by number of labelled examples",
                                   "ko": "레이블된 예제 수에 따른 held-out 정확도"},
    "chart.finetune_before": {"en": "before: pretrained", "ko": "전: 사전학습만"},
    "chart.finetune_before_random": {"en": "before: random weights", "ko": "전: 무작위 가중치"},
    "chart.finetune_after": {"en": "after: fine-tuned", "ko": "후: 파인튜닝"},
    "chart.finetune_change": {"en": "change (after − before)", "ko": "변화 (후 − 전)"},
    "chart.finetune_change_bar": {"en": "change", "ko": "변화"},
    "chart.finetune_probability_axis": {"en": "probability", "ko": "확률"},
    "hover.step": {"en": "step {v}", "ko": "단계 {v}"},
    "hover.loss": {"en": "loss {v}", "ko": "손실 {v}"},
    "hover.examples": {"en": "{v} labelled examples", "ko": "레이블된 예제 {v}개"},
    "hover.range": {"en": "lowest {low}, highest {high} ({n} seeds)", "ko": "최저 {low}, 최고 {high} (시드 {n}개)"},
    "hover.change": {"en": "change {v}", "ko": "변화 {v}"},
    # Lecture presets of this page (dashboard/presets.py).
    "preset.feel_loser": {"en": "Mary beat Tom: how did Tom feel?", "ko": "Mary가 Tom을 이김: Tom의 기분은?"},
    "preset.feel_winner": {"en": "Mary beat Tom: how did Mary feel?", "ko": "Mary가 Tom을 이김: Mary의 기분은?"},
    "preset.feel_broken": {"en": "Sam broke Lucy's guitar", "ko": "Sam이 Lucy의 기타를 망가뜨림"},
    "preset.feel_noise": {"en": "A strange noise in the attic", "ko": "다락방의 이상한 소리"},
    "preset.feel_lost_to": {"en": "Tom lost the race to Mary (a new phrasing)",
                            "ko": "Tom이 Mary에게 경주에서 짐 (처음 보는 표현)"},
    "preset.feel_bear": {"en": "Ben found a bear in the cave (a new phrasing)",
                         "ko": "Ben이 동굴에서 곰을 발견함 (처음 보는 표현)"},
    # Table columns (the learning curve's table, the run's download).
    "col.examples": {"en": "labelled examples", "ko": "레이블된 예제 수"},
    "col.pretrained": {"en": "pretrained, then fine-tuned", "ko": "사전학습 후 파인튜닝"},
    "col.random": {"en": "from random weights", "ko": "무작위 가중치에서 학습"},
    "col.bag_of_words": {"en": "bag of words", "ko": "단어 주머니"},
    "col.gpt": {"en": "GPT, fine-tuned", "ko": "GPT 파인튜닝"},
}
