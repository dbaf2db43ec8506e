"""Readers: articles (text/Markdown with front matter) and incident tables."""
