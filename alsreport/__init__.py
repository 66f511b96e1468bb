"""alsreport: reproducible reports for single-arm clinical biomarker studies."""

__all__ = ["__version__"]

__version__ = "0.1.0"
