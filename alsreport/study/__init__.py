"""Stage 1 — study data: the input contract, ``study.yml`` schema, reading CSV/XLSX,
validation, loading into the :class:`~alsreport.study.model.Study` model, and the
bundled example study. Imports nothing from the stages above it."""
