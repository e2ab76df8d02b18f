"""What an ONNX file holds, read without the ``onnx`` package: its inputs and outputs (names,
element types, shapes), its nodes (operator and tensor names) and its initializers (names, element
types, shapes), so that a served model is checked against its ``framing.json`` before
onnxruntime builds a session from it.

An ONNX file is a protocol buffer (``onnx.ModelProto``); this reader walks the few fields it needs
and steps over the rest, weights included, without copying them. Numbers of the fields are those
of ``onnx/onnx.proto`` (stable since ONNX 1.0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from framing.models.errors import ModelError

__all__ = ["ELEMENT_TYPES", "OnnxGraph", "Tensor", "read_graph"]

# TensorProto.DataType numbers -> names (the ones a framing model can hold)
ELEMENT_TYPES = {1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32",
                 7: "int64", 9: "bool", 10: "float16", 11: "float64", 12: "uint32",
                 13: "uint64", 16: "bfloat16"}  # fmt: skip
_ITEM_BYTES = {"float32": 4, "uint8": 1, "int8": 1, "uint16": 2, "int16": 2, "int32": 4,
               "int64": 8, "bool": 1, "float16": 2, "float64": 8, "uint32": 4, "uint64": 8,
               "bfloat16": 2}  # fmt: skip

# field numbers of onnx.proto
_MODEL_GRAPH = 7
_GRAPH_NODE, _GRAPH_INITIALIZER, _GRAPH_INPUT, _GRAPH_OUTPUT = 1, 5, 11, 12
_NODE_INPUT, _NODE_OUTPUT, _NODE_OP_TYPE = 1, 2, 4
_TENSOR_DIMS, _TENSOR_TYPE, _TENSOR_NAME, _TENSOR_LOCATION = 1, 2, 8, 14
_VALUE_NAME, _VALUE_TYPE = 1, 2
_TYPE_TENSOR, _TENSOR_ELEM, _TENSOR_SHAPE, _SHAPE_DIM, _DIM_VALUE, _DIM_PARAM = 1, 1, 2, 1, 1, 2


@dataclass(frozen=True)
class Tensor:
    """A named tensor of the graph: an input, an output or an initializer.

    Attributes:
        name: its name in the graph.
        dtype: its element type (``"float32"``, ``"float16"``, ``"int8"``, ...).
        shape: its dimensions: a number, or the name of a dynamic axis (``"batch"``).
        external: an initializer whose data lies in another file.
    """

    name: str
    dtype: str
    shape: tuple[int | str, ...]
    external: bool = False

    @property
    def bytes(self) -> int:
        """The bytes of its data (0 when a dimension is dynamic)."""
        count = 1
        for dim in self.shape:
            if not isinstance(dim, int):
                return 0
            count *= dim
        return count * _ITEM_BYTES.get(self.dtype, 0)


@dataclass(frozen=True)
class Node:
    """An operator of the graph, with the names of its input and output tensors."""

    op_type: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]


@dataclass
class OnnxGraph:
    """The parts of an ONNX model's main graph that the checks read.

    Attributes:
        inputs: the graph's inputs (initializers listed as inputs left out).
        outputs: the graph's outputs.
        nodes: its operators, in order.
        initializers: its weights, by name.
    """

    inputs: list[Tensor] = field(default_factory=list)
    outputs: list[Tensor] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    initializers: dict[str, Tensor] = field(default_factory=dict)

    def producer(self, name: str) -> Node | None:
        """The node whose output ``name`` is, or None (an input or an initializer)."""
        return next((n for n in self.nodes if name in n.outputs), None)

    def consumers(self, name: str) -> list[Node]:
        """The nodes that read the tensor ``name``."""
        return [n for n in self.nodes if name in n.inputs]

    def source_initializer(self, name: str) -> Tensor | None:
        """The initializer behind the tensor ``name``, followed back through the casts and
        dequantizations that precede a weight's use (fp16 and int8 weights); None when another
        operator makes it."""
        for _ in range(8):
            if name in self.initializers:
                return self.initializers[name]
            node = self.producer(name)
            if node is None or node.op_type not in ("Cast", "DequantizeLinear") or not node.inputs:
                return None
            name = node.inputs[0]
        return None


class _Malformed(ValueError):
    pass


def _varint(data: memoryview, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise _Malformed("a number runs past the end")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def _fields(data: memoryview):
    """(field number, wire type, value) of a message: an int for numbers, a memoryview for
    length-delimited fields (messages, strings, packed numbers and raw weights)."""
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(data, at)
        elif wire == 1:
            value, at = int.from_bytes(data[at : at + 8], "little"), at + 8
        elif wire == 2:
            length, at = _varint(data, at)
            if at + length > len(data):
                raise _Malformed(f"field {number} runs past the end (truncated?)")
            value, at = data[at : at + length], at + length
        elif wire == 5:
            value, at = int.from_bytes(data[at : at + 4], "little"), at + 4
        else:
            raise _Malformed(f"unknown wire type {wire} in field {number}")
        if at > len(data) or number == 0:
            raise _Malformed("a field runs past the end (truncated?)")
        yield number, wire, value


def _text(value: memoryview) -> str:
    return bytes(value).decode("utf-8")


def _packed(value: memoryview) -> list[int]:
    out, at = [], 0
    while at < len(value):
        number, at = _varint(value, at)
        out.append(number)
    return out


def _dtype(code: int) -> str:
    return ELEMENT_TYPES.get(code, f"type {code}")


def _tensor(data: memoryview) -> Tensor:
    name, code, dims, external = "", 0, [], False
    for number, wire, value in _fields(data):
        if number == _TENSOR_DIMS:
            dims += _packed(value) if wire == 2 else [value]
        elif number == _TENSOR_TYPE:
            code = value
        elif number == _TENSOR_NAME:
            name = _text(value)
        elif number == _TENSOR_LOCATION:
            external = value == 1
    return Tensor(name, _dtype(code), tuple(dims), external)


def _value_info(data: memoryview) -> Tensor:
    name, code, dims = "", 0, []
    for number, _, value in _fields(data):
        if number == _VALUE_NAME:
            name = _text(value)
        elif number == _VALUE_TYPE:
            for kind, _, tensor in _fields(value):
                if kind != _TYPE_TENSOR:
                    continue
                for part, _, item in _fields(tensor):
                    if part == _TENSOR_ELEM:
                        code = item
                    elif part == _TENSOR_SHAPE:
                        for d, _, dim in _fields(item):
                            if d == _SHAPE_DIM:
                                dims.append(_dimension(dim))
    return Tensor(name, _dtype(code), tuple(dims))


def _dimension(data: memoryview) -> int | str:
    for number, _, value in _fields(data):
        if number == _DIM_VALUE:
            return value
        if number == _DIM_PARAM:
            return _text(value)
    return "?"


def _node(data: memoryview) -> Node:
    inputs, outputs, op_type = [], [], ""
    for number, _, value in _fields(data):
        if number == _NODE_INPUT:
            inputs.append(_text(value))
        elif number == _NODE_OUTPUT:
            outputs.append(_text(value))
        elif number == _NODE_OP_TYPE:
            op_type = _text(value)
    return Node(op_type, tuple(inputs), tuple(outputs))


def read_graph(content: bytes, path: Path) -> OnnxGraph:
    """The main graph of the ONNX model ``content`` (the bytes of the file ``path``).

    Raises:
        ModelError: not an ONNX model (another format, truncated or corrupt), no graph, or
            weights kept in external files (a model folder's ONNX file holds its weights).
    """
    data = memoryview(content)
    graph = None
    try:
        for number, wire, value in _fields(data):
            if number == _MODEL_GRAPH and wire == 2:
                graph = value
        if graph is None:
            raise _Malformed("no graph in it")
        out = OnnxGraph()
        listed = []
        for number, wire, value in _fields(graph):
            if wire != 2:
                continue
            if number == _GRAPH_NODE:
                out.nodes.append(_node(value))
            elif number == _GRAPH_INITIALIZER:
                tensor = _tensor(value)
                out.initializers[tensor.name] = tensor
            elif number == _GRAPH_INPUT:
                listed.append(_value_info(value))
            elif number == _GRAPH_OUTPUT:
                out.outputs.append(_value_info(value))
    except (_Malformed, UnicodeDecodeError) as err:
        raise ModelError(f"{path}: not a readable ONNX model ({err})") from None
    out.inputs = [t for t in listed if t.name not in out.initializers]
    external = [t.name for t in out.initializers.values() if t.external]
    if external:
        raise ModelError(
            f"{path}: weights kept in external data files ({', '.join(external[:3])}): the ONNX "
            "file of a model folder must hold its weights"
        )
    if not out.nodes or not out.outputs:
        raise ModelError(f"{path}: not a readable ONNX model (a graph without nodes or outputs)")
    return out
