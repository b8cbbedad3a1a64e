"""Where the project's files are: the repository root holds layers/ beside this package."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
LAYERS_DIR = PROJECT_ROOT / "layers"
LOCAL_DIR = PROJECT_ROOT / ".local"
