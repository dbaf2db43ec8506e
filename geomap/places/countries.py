"""Country names the reports use: they are mentions of kind "country", never villages that share the name."""

from __future__ import annotations

from gazetteer import fold

# name -> ISO code, approximate centre (lat, lon): data, not tuned to any text.
COUNTRIES: dict[str, tuple[str, float, float]] = {
    "Ukraine": ("UA", 49.0, 32.0),
    "Russia": ("RU", 61.5, 105.3),
    "Russian Federation": ("RU", 61.5, 105.3),
    "Belarus": ("BY", 53.7, 27.9),
    "Moldova": ("MD", 47.4, 28.4),
    "Poland": ("PL", 51.9, 19.1),
    "Romania": ("RO", 45.9, 24.9),
    "Slovakia": ("SK", 48.7, 19.7),
    "Hungary": ("HU", 47.2, 19.5),
    "Georgia": ("GE", 42.3, 43.4),
    "Lithuania": ("LT", 55.2, 23.9),
    "Latvia": ("LV", 56.9, 24.6),
    "Estonia": ("EE", 58.6, 25.0),
    "Finland": ("FI", 61.9, 25.7),
    "Kazakhstan": ("KZ", 48.0, 66.9),
    "Turkey": ("TR", 39.0, 35.2),
    "Germany": ("DE", 51.2, 10.5),
    "France": ("FR", 46.2, 2.2),
    "Britain": ("GB", 54.0, -2.0),
    "United Kingdom": ("GB", 54.0, -2.0),
    "United States": ("US", 39.8, -98.6),
    "Iran": ("IR", 32.4, 53.7),
    "North Korea": ("KP", 40.3, 127.5),
    "China": ("CN", 35.9, 104.2),
    "Syria": ("SY", 34.8, 39.0),
    "Israel": ("IL", 31.0, 34.9),
    "Transnistria": ("MD", 47.2, 29.4),
    "America": ("US", 39.8, -98.6),
    "Europe": ("EU", 50.0, 15.0),
}
COUNTRY_KEYS: dict[str, tuple[str, str, float, float]] = {
    fold(name): (name, code, lat, lon) for name, (code, lat, lon) in COUNTRIES.items()
}
