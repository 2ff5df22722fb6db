"""Printable documents (HTML page, PDF, Word) built from stored requests. Never imports Flask.

One module per document: build_context() turns the stored answers into display-ready strings, and
render_html / render_pdf / render_docx / filename turn that context into files.
"""
