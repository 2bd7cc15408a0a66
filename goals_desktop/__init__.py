"""Goals Desktop: local-first goals with AI-drawn roadmaps."""

__version__ = "0.1.0"
APP_NAME = "Goals Desktop"
APP_ID = "goals-desktop"
ORGANIZATION = "Goals Desktop"
