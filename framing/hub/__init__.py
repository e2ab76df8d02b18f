"""The Hugging Face Hub: the model card and the dataset card, publishing models and the annotated
set (``python -m framing.publish``).

Imports ``framing.models`` and the base modules; nothing of training or inference.
"""
