"""Stage 3 — analysis: :func:`~alsreport.analysis.run.analyze` builds the analysis
dataset, runs every test (through :mod:`alsreport.stats`), and the summaries
(baseline, exposure, flow, safety, shifts) and provenance, into a
:class:`~alsreport.results.model.Results`."""
