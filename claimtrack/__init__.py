"""claimtrack: who claims which figures, across a story's coverage."""

__version__ = "0.1.0"
