"""Dumps the property surface of Python Bokeh's models as JSON (read by generate-models.mjs).

    python scripts/python-metadata.py > scripts/python-models.json      (or: pnpm generate:python)

Per model class Python registers (by its wire name): every property, with its type as a small JSON tree and
whether it is readonly. Types are shared through a table, as most models repeat the same visual properties.
"""

import json
import sys

import bokeh
import bokeh.models  # noqa: F401  (registers the model classes)
import bokeh.plotting  # noqa: F401
from bokeh.core.has_props import is_abstract
from bokeh.core.property.dataspec import DataSpec
from bokeh.model import Model

# Types that only wrap another one without changing which values are valid on the wire.
TRANSPARENT = {"Readonly", "Required", "NotSerialized", "NonNullable", "NonEmpty", "Override"}
# Leaf types by what the server can check of them.
LEAVES = {
    "Bool": "Bool",
    "Int": "Int",
    "Float": "Float",
    "Size": "NonNegativeFloat",
    "Angle": "Float",
    "Percent": "Percent",
    "Alpha": "Percent",
    "String": "Str",
    "Regex": "Str",
    "MathString": "Str",
    "JSON": "Str",
    "FontSize": "Str",
    "Color": "Color",
    "ColorHex": "Color",
    "Bytes": "Bytes",
    "Datetime": "Datetime",
    "Date": "Datetime",
    "TimeDelta": "Float",
    "Null": "Null",
}


def describe(prop, depth=0):
    name = type(prop).__name__
    params = list(getattr(prop, "type_params", []) or [])
    if depth > 12:
        return {"t": "Any"}
    if isinstance(prop, DataSpec):
        return {"t": "Spec", "value": describe(prop.value_type, depth + 1)}
    if name in TRANSPARENT and params:
        return describe(params[0], depth + 1)
    if name in ("NonNegative", "Positive") and params:
        return {"t": name, "base": describe(params[0], depth + 1)}
    if name == "Nullable":
        return {"t": "Nullable", "base": describe(params[0], depth + 1)}
    if name == "Either":
        return {"t": "Or", "types": [describe(p, depth + 1) for p in params]}
    if name in ("List", "Seq", "Array"):
        return {"t": "Seq", "item": describe(params[0], depth + 1)}
    if name == "Set":
        return {"t": "Set", "item": describe(params[0], depth + 1)}
    if name in ("Dict", "RestrictedDict"):
        return {"t": "Dict", "key": describe(params[0], depth + 1), "item": describe(params[1], depth + 1)}
    if name == "Tuple":
        return {"t": "Tuple", "types": [describe(p, depth + 1) for p in params]}
    if name == "Struct":
        fields = {key: describe(value, depth + 1) for key, value in sorted(prop._fields.items())}
        return {"t": "Struct", "fields": fields, "optional": sorted(prop._optional)}
    if name in ("Instance", "InstanceDefault"):
        target = prop.instance_type
        qualified = getattr(target, "__qualified_model__", None)
        return {"t": "Instance", "model": qualified if issubclass(target, Model) else None}
    if name == "Enum":
        return {"t": "Enum", "values": sorted(prop._enum, key=str)}
    if name == "Interval" and params:
        return {"t": "Interval", "base": describe(params[0], depth + 1)}  # bounds: not checked by the server
    if name in LEAVES:
        return {"t": LEAVES[name]}
    return {"t": "Any", "python": name}


def main():
    types = []
    index = {}

    def intern(desc):
        key = json.dumps(desc, sort_keys=True)
        if key not in index:
            index[key] = len(types)
            types.append(desc)
        return index[key]

    models = {}
    for name, cls in sorted(Model.model_class_reverse_map.items()):
        if not issubclass(cls, Model) or not cls.__module__.startswith("bokeh."):
            continue
        props = {}
        for attr in sorted(cls.properties()):
            descriptor = cls.lookup(attr)
            if type(descriptor.property).__name__ in ("Alias", "DeprecatedAlias") or not descriptor.serialized:
                continue  # another name for a property, or a spec's units: never on the wire by itself
            entry = [intern(describe(descriptor.property))]
            if descriptor.readonly:
                entry.append("readonly")
            props[attr] = entry
        models[name] = {"abstract": is_abstract(cls), "props": props}
    json.dump({"version": bokeh.__version__, "types": types, "models": models}, sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


main()
