"""Which engine executes a document, for its provenance table (session 25 HTML reader: the Quarto page's provenance
named the Python packages but not Quarto, which made the page).

Quarto tells the code it executes through its execution information (``QUARTO_EXECUTE_INFO``, a JSON file's path:
Quarto's own interface, as :func:`alsreport.documents.docx_blocks.output_target` reads it). Under Quarto the row
holds Quarto's ``{{< version >}}`` shortcode, which Quarto replaces with its version after the cell has run; under
alsreport's embedded engine it names that engine and the pandoc it converts with.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Mapping

__all__ = ["ENGINE_ITEM", "engine_row", "executed_by_quarto"]

#: The provenance table's item naming the engine.
ENGINE_ITEM = "Document engine"


def executed_by_quarto(environ: Mapping[str, str] | None = None) -> bool:
    """Whether Quarto executes the document (its execution information is set)."""
    return bool((os.environ if environ is None else environ).get("QUARTO_EXECUTE_INFO"))


@lru_cache(maxsize=1)
def _embedded_words() -> str:
    from alsreport.render.pandoc import pandoc_version

    return f"alsreport embedded engine ({pandoc_version()})"


def engine_row(environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """``("Document engine", "Quarto {{< version >}}")`` under Quarto (markdown: the shortcode stays unescaped),
    else ``("Document engine", "alsreport embedded engine (pandoc 3.9)")``."""
    if executed_by_quarto(environ):
        return ENGINE_ITEM, "Quarto {{< version >}}"
    return ENGINE_ITEM, _embedded_words()
