"""geomap: offline geospatial incident mapper for war reporting and incident tables."""

__version__ = "0.1.0"
