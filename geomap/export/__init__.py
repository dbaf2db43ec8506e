"""Writers for GIS and table outputs. Every writer goes through `atomic_path`, so an interrupted run
leaves the previous output intact."""
