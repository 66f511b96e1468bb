"""alsreport.documents.document_engine: the engine a document is executed by, for its provenance table."""

from __future__ import annotations

from alsreport.documents.document_engine import ENGINE_ITEM, engine_row, executed_by_quarto


def test_quarto_is_known_by_its_execution_information():
    assert executed_by_quarto({"QUARTO_EXECUTE_INFO": "/tmp/info.json"})
    assert not executed_by_quarto({}) and not executed_by_quarto({"QUARTO_EXECUTE_INFO": ""})


def test_the_row_names_quarto_by_its_shortcode_or_the_embedded_engine_with_its_pandoc():
    assert engine_row({"QUARTO_EXECUTE_INFO": "/tmp/info.json"}) == (ENGINE_ITEM, "Quarto {{< version >}}")
    item, words = engine_row({})
    assert item == "Document engine" and words.startswith("alsreport embedded engine (pandoc 3.") and words[-1] == ")"
