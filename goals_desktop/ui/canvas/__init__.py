"""The roadmap canvas: RoadmapEditor (view + details panel + actions) over a reconciling scene."""

from .details import NodeDetailsPanel
from .editor import RoadmapEditor
from .items import EdgeItem, NodeItem
from .scene import RoadmapScene
from .view import RoadmapView

__all__ = ["EdgeItem", "NodeDetailsPanel", "NodeItem", "RoadmapEditor", "RoadmapScene", "RoadmapView"]
