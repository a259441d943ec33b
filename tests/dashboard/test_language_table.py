"""The language table is plain data: importing it loads neither Streamlit nor another dashboard module,
so the URL-state helpers and the table no longer depend on each other."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_language_table_loads_no_streamlit_and_no_dashboard_module():
    script = ("import sys, dashboard.i18n; "
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit' "
              "or (m.startswith('dashboard.') and not m.startswith('dashboard.i18n'))))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_url_state_does_not_import_the_language_table():
    script = "import sys, dashboard.url_state; print(any(m.startswith('dashboard.i18n') for m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
