"""Streamlit building blocks the pages share, one module per kind: ``panels`` (explanations, notes),
``figures`` (showing charts), ``tables`` (tables and downloads), ``pickers`` (layer/head/token),
``translator`` and ``rnn`` (the translation and recurrent pages' sidebar controls), ``head_switches``
(the Masked LM page's head ablation block)."""
