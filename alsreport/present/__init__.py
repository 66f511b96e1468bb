"""Stage 4 — presentation: tables (great-tables), figures (matplotlib) and generated
prose, all showing numbers through one formatting module."""
