"""Goals Desktop: local-first goals with AI-drawn roadmaps."""

__version__ = "0.1.0"
APP_NAME = "Goals Desktop"
APP_ID = "goals-desktop"
# Reverse-DNS name: the macOS bundle id and the AppStream component id (resources/linux/*.metainfo.xml).
APP_RDNS = "org.goalsdesktop.GoalsDesktop"
ORGANIZATION = "Goals Desktop"
