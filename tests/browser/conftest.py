"""The browser tests' shared fixture: one dashboard server on the default model and one Chromium per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import CHROMEDRIVER, CHROMIUM, chromium, dashboard_server


@pytest.fixture(scope="module")
def browser_session(dashboard_models, tmp_path_factory):
    """(server URL, driver) for the dashboard on the default model (shipped tiny-bert, else a random one)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"{CHROMIUM} and {CHROMEDRIVER} are needed: apt-get install chromium chromium-driver")
    models = [m for m in (dashboard_models["default"],) if m]
    log = tmp_path_factory.mktemp("server") / "server.log"
    with dashboard_server(models, log_path=log) as url, chromium() as driver:
        yield url, driver
