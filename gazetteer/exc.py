"""One error hierarchy for the gazetteer, so callers catch `GazetteerError` and nothing else."""


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises on purpose."""


class IndexMissingError(GazetteerError):
    """The built index is absent and could not be built here."""


class IndexCorruptError(GazetteerError):
    """The built index exists but is unreadable or of another version."""


class DataSourceError(GazetteerError):
    """A source data set (GeoNames package, admin-1 file, supplement) is missing or malformed."""
