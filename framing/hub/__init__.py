"""The Hugging Face Hub: publishing a model folder with its generated card (the card itself is
:mod:`framing.models.card`), and the annotated set as a dataset repository with the Hub copy of
its dataset card (``python -m framing.publish``).

Imports ``framing.models`` and the base modules; nothing of training or inference.
"""
