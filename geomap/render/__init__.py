"""Maps: the folium web map (map.py) and the static PNG for reports (static.py)."""
