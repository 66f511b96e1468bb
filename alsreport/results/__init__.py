"""Stage 2 — results: the frozen results model (scipy's vocabulary: ``statistic``,
``pvalue``, ``n``, ``method``, ``ci.low``/``ci.high``) and its JSON/CSV writer.
Numbers stay numbers here; nothing is formatted for display."""
