"""Map rendering for borderlens (folium layers, legend, time slider, offline assets).

The map stage lands with issue 5; the package exists now so the layout and the
wheel are final from the start.
"""
