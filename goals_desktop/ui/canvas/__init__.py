"""The roadmap canvas: RoadmapEditor (editor.py: view + details panel + actions) over a
reconciling scene (scene.py) of node and edge items (items.py), in a zoomable view (view.py)."""
