"""The Streamlit glue: registry, shared sidebar and widgets, and pure chart builders."""
