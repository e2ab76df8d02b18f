"""Text in, sentences out: layout rules, cleaning with exact offsets, and the segmenters behind
one registry.

Imports nothing of framing but ``framing._files`` and ``framing.registry``.
"""
