"""The local prompt-injection classifier: data, featuriser, training, evaluation.

The shipped inference is the Rust crate in wasm/prompt/. This package holds
the Python twin of its normalisation and featurisation (pure Python, used
for training and by the parity tests), the data loaders and the scripts:

    python -m tools.prompt_injection.tables     regenerate the fold table
    python -m tools.prompt_injection.train      train, export weights
    python -m tools.prompt_injection.evaluate   held-out metrics per source
"""
