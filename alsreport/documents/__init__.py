"""Stage 5 — documents: what the ``.qmd`` documents call (the report context, table
and figure blocks, the CONSORT checklist) and the ``render`` command's pipeline,
which hands the documents to :mod:`alsreport.render` or to Quarto."""
