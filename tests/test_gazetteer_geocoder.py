"""The geopy interface: OfflineGazetteer behaves like a geopy geocoder and never touches the network."""

from __future__ import annotations

import pytest
from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer.geocoder import OfflineGazetteer


@pytest.fixture(scope="module")
def geolocator(gazetteer):
    return OfflineGazetteer(gazetteer)


def test_is_a_geopy_geocoder(geolocator):
    assert isinstance(geolocator, Geocoder)


def test_geocode_one(geolocator):
    location = geolocator.geocode("Kriviy Rih")
    assert isinstance(location, Location)
    assert location.latitude == pytest.approx(47.91, abs=0.05)
    assert location.longitude == pytest.approx(33.39, abs=0.05)
    assert location.raw["admin1_code"] == "UA-12" and location.raw["match"] == "folded"
    assert "Dnipropetrovsk Oblast" in location.address


def test_geocode_many_and_unknown(geolocator):
    locations = geolocator.geocode("Pokrovsk", exactly_one=False, limit=3)
    assert isinstance(locations, list) and len(locations) == 3
    assert locations[0].raw["id"] == "gn:704422"
    assert geolocator.geocode("Nowhereville") is None
    assert geolocator.geocode("Nowhereville", exactly_one=False) is None


def test_geocode_options(geolocator):
    assert geolocator.geocode("Kursk", featuretype="state").raw["kind"] == "admin1"
    assert geolocator.geocode("Dzerzhynsk", country_codes="UA").raw["id"] == "gn:709354"
    assert geolocator.geocode({"city": "Andriivka", "state": "Donetsk Oblast"}).raw["admin1_code"] == "UA-14"
    assert geolocator.geocode("Kramatorks", fuzzy=False) is None


def test_reverse(geolocator):
    location = geolocator.reverse("48.59, 38.0")
    assert location.raw["name"] == "Bakhmut"
    assert geolocator.reverse((0.0, 0.0)) is None


def test_bad_query(geolocator):
    with pytest.raises(GeocoderQueryError):
        geolocator.geocode("   ")


def test_no_network(geolocator):
    with pytest.raises(GeocoderServiceError):
        geolocator._call_geocoder("https://example.org/search", lambda r: r)
