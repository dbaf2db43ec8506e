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
