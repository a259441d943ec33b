"""The floor for the load test: the smallest Streamlit page a sentence link can open.

One text input bound to the same ``text`` query parameter as the dashboard's sidebar, and one
``st.write`` of it: what every Streamlit run costs on this machine (session start, the script
runner, the protocol) with none of the dashboard's work. ``python -m benchmarks.loadtest`` starts it
beside the dashboard and reports its figures as the floor.
"""

import streamlit as st

text = st.text_input("Sentence", value="The animal didn't cross the street because it was too tired.",
                     key="text", bind="query-params")
st.write(text)
