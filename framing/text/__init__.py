"""Text in, sentences out: layout rules, cleaning with exact offsets, and the segmenters behind
one registry.

- :mod:`framing.text.layout`: line-level rules shared by the cleaner and the segmenters.
- :mod:`framing.text.rules`: the cleaner's rule tables, as data, and ``CleanConfig``.
- :mod:`framing.text.repeats`: repeated headlines and pull-quotes.
- :mod:`framing.text.clean`: the ``Cleaner``, ``clean()`` and the map back to raw offsets.
- :mod:`framing.text.segmenter`: the ``Sentence`` record and the ``Segmenter`` interface.
- :mod:`framing.text.news`, :mod:`framing.text.punkt`, :mod:`framing.text.external`: the
  segmenters.
- :mod:`framing.text.segment`: ``segment()`` and the registry of segmenters by name.
- :mod:`framing.text.formats`: what bytes are when they are not plain text (PDF, ZIP, images,
  ... by their signatures), UTF-16/32 by byte-order mark, and a PDF's text (pypdf).
- :mod:`framing.text.language`: which language a text is in (py3langid's shipped model).

Imports nothing of framing but ``framing.records`` and ``framing.registry``.
"""
