"""Training and evaluation of the local content-moderation classifier.

    python -m tools.moderation.train [--data my.jsonl]
    python -m tools.moderation.evaluate [--data my.jsonl]

Sources, licences and the split: DATA.md. Features and normalisation are the
prompt-injection classifier's (tools.prompt_injection.features / normalize,
wasm/prompt/src), unchanged; only the weights differ (wasm/prompt/model/moderation.bin).
"""
