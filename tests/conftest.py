"""Shared fixtures: the gazetteer and the region polygons are loaded once per test session."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from geomap.regions import load_regions


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def regions():
    return load_regions()


# --- hypothesis profiles (issue 7): "default" for `make test`, "fuzz" for `make fuzz` ------------------------
import os as _os  # noqa: E402

from hypothesis import HealthCheck as _HealthCheck  # noqa: E402
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("default", max_examples=40, deadline=None,
                           suppress_health_check=[_HealthCheck.too_slow])
_settings.register_profile("fuzz", max_examples=3000, deadline=None,
                           suppress_health_check=[_HealthCheck.too_slow, _HealthCheck.filter_too_much])
_settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "default"))
