"""The project's benchmarks: segmentation quality (``segment``) and inference speed and memory
(``infer``), run as ``python -m framing.bench segment|infer``.

The top of the flow: may import any part of framing.
"""
