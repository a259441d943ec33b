"""Chart builders: arrays in, Plotly or Altair figures out, no Streamlit."""

from dashboard.charts.plotly_paths import memoise_path_parsing

memoise_path_parsing()
