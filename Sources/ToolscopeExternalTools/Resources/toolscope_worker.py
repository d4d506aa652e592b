# toolscope Python worker: runs user functions for toolscope's "python" tool bindings.
# Speaks JSON lines: one request per line on stdin, one response per line on the original
# stdout. Standard library only, so it runs under any interpreter the user points at.
import collections.abc
import contextlib
import dataclasses
import enum
import importlib
import importlib.util
import inspect
import io
import json
import math
import os
import re
import sys
import traceback
import types
import typing
import warnings

_PROTO_IN = os.fdopen(os.dup(0), "rb", buffering=0)
_PROTO_OUT = os.fdopen(os.dup(1), "w", encoding="utf-8")
# Stray writes to fd 1 (C extensions, os.write) must never corrupt the protocol channel,
# and user code must never read our requests: fd 1 now goes to stderr, fd 0 to /dev/null.
os.dup2(2, 1)
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)
sys.stdin = io.StringIO("")
sys.stdout = sys.stderr

_loaded = {}  # module spec -> (module, stamp)


def _stamp(path):
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return None


def _is_path(spec):
    return spec.endswith(".py") or os.sep in spec


def _load(spec, force=False):
    """Imports a module by file path or dotted name; re-imports it when its file changed."""
    cached = _loaded.get(spec)
    if _is_path(spec):
        path = os.path.abspath(spec)
        stamp = _stamp(path)
        if stamp is None:
            raise FileNotFoundError("no Python module at " + path)
        if cached and cached[1] == stamp and not force:
            return cached[0]
        folder = os.path.dirname(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        stem = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0])
        name = stem
        existing = sys.modules.get(name)
        if existing is not None and os.path.abspath(getattr(existing, "__file__", "") or "") != path:
            name = "%s_%x" % (stem, abs(hash(path)))
        module_spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
        _loaded[spec] = (module, stamp)
        return module
    if cached and not force:
        module = cached[0]
        path = getattr(module, "__file__", None)
        if path is None or _stamp(path) == cached[1]:
            return module
        force = True
    module = importlib.import_module(spec)
    if force and cached:
        module = importlib.reload(module)
    path = getattr(module, "__file__", None)
    _loaded[spec] = (module, _stamp(path) if path else None)
    return module


def _function(module, name):
    fn = getattr(module, name, None)
    if fn is None:
        raise LookupError("module %s has no function %r" % (module.__name__, name))
    if not callable(fn):
        raise TypeError("%s.%s is not callable" % (module.__name__, name))
    return fn


# ---- results -------------------------------------------------------------------------------

def _jsonable(value, path, flagged, depth=0):
    """Converts a return value to JSON types; anything else becomes text and is flagged."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        flagged.append("%s: %r is not a JSON number" % (path, value))
        return repr(value)
    if depth > 100:
        flagged.append("%s: nested too deeply" % path)
        return repr(value)
    if isinstance(value, enum.Enum):
        return _jsonable(value.value, path, flagged, depth + 1)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                flagged.append("%s: key %r converted to text" % (path, k))
                k = str(k)
            out[k] = _jsonable(v, "%s.%s" % (path, k), flagged, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, "%s[%d]" % (path, i), flagged, depth + 1) for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        flagged.append("%s: %s converted to a list" % (path, type(value).__name__))
        items = list(value)
        try:
            items.sort()
        except TypeError:
            pass
        return [_jsonable(v, "%s[%d]" % (path, i), flagged, depth + 1) for i, v in enumerate(items)]
    flagged.append("%s: %s is not JSON-serialisable; sent as text" % (path, type(value).__name__))
    try:
        return str(value)
    except BaseException:
        return repr(value)


# ---- arguments -----------------------------------------------------------------------------

def _allows_none(hint):
    return typing.get_origin(hint) in (typing.Union, getattr(types, "UnionType", None)) and type(None) in typing.get_args(hint)


def _coerce(value, hint):
    """Turns JSON arguments into the types the signature asks for (Enum, dataclass, tuple…)."""
    if hint is inspect.Parameter.empty or value is None:
        return value
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return _coerce(value, args[0])
    if origin in (typing.Union, getattr(types, "UnionType", None)):
        options = [a for a in args if a is not type(None)]
        return _coerce(value, options[0]) if len(options) == 1 else value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict):
        hints = _hints(hint)
        return hint(**{k: _coerce(v, hints.get(k, inspect.Parameter.empty)) for k, v in value.items()})
    if origin in (list, collections.abc.Sequence, collections.abc.Iterable) and isinstance(value, list) and args:
        return [_coerce(v, args[0]) for v in value]
    if (origin in (set, frozenset)) and isinstance(value, list):
        return origin(_coerce(v, args[0]) if args else v for v in value)
    if (origin is tuple or hint is tuple) and isinstance(value, list):
        if args and args[-1] is not Ellipsis and len(args) == len(value):
            return tuple(_coerce(v, a) for v, a in zip(value, args))
        return tuple(_coerce(v, args[0]) if args else v for v in value)
    if origin is dict and isinstance(value, dict) and len(args) == 2:
        return {k: _coerce(v, args[1]) for k, v in value.items()}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _hints(obj):
    try:
        return typing.get_type_hints(obj, include_extras=True)
    except Exception:
        return getattr(obj, "__annotations__", {}) or {}


def _call(fn, arguments):
    if not isinstance(arguments, dict):
        raise TypeError("arguments must be a JSON object, got %s" % type(arguments).__name__)
    hints = _hints(fn)
    kwargs = {}
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    for name, value in arguments.items():
        kwargs[name] = _coerce(value, hints.get(name, inspect.Parameter.empty))
    for name, p in params.items():
        if name not in kwargs and p.default is inspect.Parameter.empty and _allows_none(hints.get(name)):
            kwargs[name] = None
    return fn(**kwargs)


# ---- schema generation ---------------------------------------------------------------------

_SECTION = re.compile(r"^(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Other Parameters)\s*:\s*$")
_ANY_SECTION = re.compile(r"^[A-Z][A-Za-z ]*:\s*$")


def _parse_docstring(doc):
    """Returns (description, {param: text}) from Google, NumPy or reST style docstrings."""
    if not doc:
        return "", {}
    lines = inspect.cleandoc(doc).splitlines()
    params = {}
    body_end = len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _SECTION.match(stripped):  # Google
            body_end = min(body_end, i)
            base = len(line) - len(line.lstrip())
            i += 1
            current = None
            while i < len(lines):
                entry = lines[i]
                if entry.strip() and len(entry) - len(entry.lstrip()) <= base:
                    break
                m = re.match(r"^\s*\**(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$", entry)
                indent = len(entry) - len(entry.lstrip())
                if m and (current is None or indent <= current[1]):
                    current = (m.group(1), indent)
                    params[current[0]] = m.group(2).strip()
                elif current and entry.strip():
                    params[current[0]] = (params[current[0]] + " " + entry.strip()).strip()
                i += 1
            continue
        if stripped in ("Parameters", "Other Parameters") and nxt and set(nxt) == {"-"}:  # NumPy
            body_end = min(body_end, i)
            i += 2
            current = None
            while i < len(lines):
                entry = lines[i]
                after = lines[i + 1].strip() if i + 1 < len(lines) else ""
                if entry.strip() and after and set(after) == {"-"}:
                    break
                if entry.strip() and not entry[:1].isspace():
                    current = re.split(r"\s*:\s*", entry.strip(), maxsplit=1)[0]
                    for name in current.split(","):
                        params.setdefault(name.strip().lstrip("*"), "")
                    current = current.split(",")[0].strip().lstrip("*")
                elif current and entry.strip():
                    params[current] = (params[current] + " " + entry.strip()).strip()
                i += 1
            continue
        m = re.match(r"^:param\s+(?:[^:]*\s)?\*{0,2}(\w+)\s*:\s*(.*)$", stripped)  # reST
        if m:
            body_end = min(body_end, i)
            name = m.group(1)
            params[name] = m.group(2).strip()
            i += 1
            while i < len(lines) and lines[i][:1].isspace() and lines[i].strip():
                params[name] += " " + lines[i].strip()
                i += 1
            continue
        if stripped.startswith(":") or (_ANY_SECTION.match(stripped) and i > 0) or (nxt and set(nxt) == {"-"} and len(nxt) >= 3):
            body_end = min(body_end, i)
        i += 1
    body = "\n".join(lines[:body_end]).strip()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return "\n\n".join(paragraphs), params


def _type_of_values(values):
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("integer")
        elif isinstance(v, float):
            kinds.add("number")
        elif isinstance(v, str):
            kinds.add("string")
        elif v is None:
            kinds.add("null")
        else:
            kinds.add("other")
    if kinds == {"integer", "number"}:
        return "number"
    return kinds.pop() if len(kinds) == 1 and "other" not in kinds else None


def _schema(hint, notes, where, seen=()):
    """JSON Schema for one type hint; unsupported hints are noted, never guessed silently."""
    if hint is inspect.Parameter.empty:
        notes.append("%s has no type hint; typed as string" % where)
        return {"type": "string"}
    if hint is typing.Any or hint is object:
        notes.append("%s is Any; the schema accepts any JSON value" % where)
        return {}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    if hint in simple:
        return {"type": simple[hint]}
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        inner = _schema(args[0], notes, where, seen)
        text = [a for a in args[1:] if isinstance(a, str)]
        if text:
            inner = dict(inner, description=text[0])
        return inner
    if origin is typing.Literal:
        values = list(args)
        kind = _type_of_values(values)
        return {"type": kind, "enum": values} if kind else {"enum": values}
    if origin in (typing.Union, getattr(types, "UnionType", None)):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _schema(options[0], notes, where, seen)
        return {"anyOf": [_schema(a, notes, where, seen) for a in options]}
    if hint in (list, set, frozenset) or origin in (list, set, frozenset, collections.abc.Sequence, collections.abc.Iterable, collections.abc.Set):
        out = {"type": "array"}
        if args:
            out["items"] = _schema(args[0], notes, where + "[]", seen)
        return out
    if hint is tuple or origin is tuple:
        if args and args[-1] is not Ellipsis:
            items = [_schema(a, notes, "%s[%d]" % (where, n), seen) for n, a in enumerate(args)]
            return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
        out = {"type": "array"}
        if args:
            out["items"] = _schema(args[0], notes, where + "[]", seen)
        return out
    if hint is dict or origin in (dict, collections.abc.Mapping):
        out = {"type": "object"}
        if len(args) == 2:
            out["additionalProperties"] = _schema(args[1], notes, where + "{}", seen)
        return out
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        values = [m.value for m in hint]
        kind = _type_of_values(values)
        return {"type": kind, "enum": values} if kind else {"enum": values}
    is_typeddict = getattr(typing, "is_typeddict", lambda t: False)(hint)
    if is_typeddict or (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        if hint in seen:
            notes.append("%s refers to itself; nested level left open" % where)
            return {"type": "object"}
        hints = _hints(hint)
        _, docs = _parse_docstring(hint.__doc__ if not dataclasses.is_dataclass(hint) or not (hint.__doc__ or "").startswith(hint.__name__ + "(") else "")
        props, required = {}, []
        if is_typeddict:
            names = list(hints)
            required_keys = getattr(hint, "__required_keys__", set(names))
            for name in names:
                h = hints[name]
                if typing.get_origin(h) in (getattr(typing, "NotRequired", None), getattr(typing, "Required", None)):
                    h = typing.get_args(h)[0]
                props[name] = _schema(h, notes, where + "." + name, seen + (hint,))
                if name in required_keys:
                    required.append(name)
        else:
            for f in dataclasses.fields(hint):
                props[f.name] = _schema(hints.get(f.name, inspect.Parameter.empty), notes, where + "." + f.name, seen + (hint,))
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and not _allows_none(hints.get(f.name)):
                    required.append(f.name)
        for name, text in docs.items():
            if name in props and text and "description" not in props[name]:
                props[name] = dict(props[name], description=text)
        out = {"type": "object", "properties": props}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out
    notes.append("%s has type %s, which has no JSON Schema equivalent; typed as string" % (where, getattr(hint, "__name__", repr(hint))))
    return {"type": "string"}


def _describe_function(name, fn):
    notes = []
    description, docs = _parse_docstring(inspect.getdoc(fn) or "")
    hints = _hints(fn)
    props, required = {}, []
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError) as e:
        raise TypeError("cannot read the signature of %s: %s" % (name, e))
    for pname, p in params.items():
        if p.kind is p.VAR_POSITIONAL or p.kind is p.VAR_KEYWORD:
            notes.append("%s: *%s is not part of the schema" % (name, pname))
            continue
        if p.kind is p.POSITIONAL_ONLY:
            notes.append("%s: %s is positional-only and cannot be passed by keyword; the tool will fail unless it has a default" % (name, pname))
        hint = hints.get(pname, inspect.Parameter.empty)
        if hint is inspect.Parameter.empty and p.default is not inspect.Parameter.empty and p.default is not None:
            hint = type(p.default)
        schema = _schema(hint, notes, "%s(%s)" % (name, pname))
        if docs.get(pname):
            schema = dict(schema, description=docs[pname])
        else:
            notes.append("%s: parameter %s has no description in the docstring" % (name, pname))
        props[pname] = schema
        if p.default is inspect.Parameter.empty and not _allows_none(hint):
            required.append(pname)
    if not description:
        notes.append("%s has no docstring; the tool has no description" % name)
    parameters = {"type": "object", "properties": props}
    if required:
        parameters["required"] = required
    parameters["additionalProperties"] = False
    function = {"name": name}
    if description:
        function["description"] = description
    function["parameters"] = parameters
    return {"function": name, "definition": {"type": "function", "function": function}, "notes": notes}


def _describe(module, only):
    if only:
        return [_describe_function(only, _function(module, only))]
    found = []
    for name, obj in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(obj) or obj.__module__ != module.__name__:
            continue
        found.append((obj.__code__.co_firstlineno, name, obj))
    found.sort()
    return [_describe_function(name, fn) for _, name, fn in found]


# ---- the loop ------------------------------------------------------------------------------

def _handle(request):
    op = request.get("op")
    if op == "ping":
        return {"ok": True, "pid": os.getpid(), "python": sys.version.split()[0]}
    if op == "reload":
        reloaded = []
        for spec in list(_loaded):
            _load(spec, force=True)
            reloaded.append(spec)
        return {"ok": True, "reloaded": reloaded}
    module = _load(request["module"])
    if op == "describe":
        return {"ok": True, "tools": _describe(module, request.get("function"))}
    if op == "call":
        fn = _function(module, request["function"])
        flagged = []
        # "arguments_json" is the model's own text: json.loads keeps -0.0, 1.0 and 1E2 as floats.
        arguments = json.loads(request["arguments_json"]) if "arguments_json" in request else request.get("arguments", {})
        result = _jsonable(_call(fn, arguments), "$", flagged)
        return {"ok": True, "result": result, "flagged": flagged}
    raise ValueError("unknown op %r" % op)


def _user_traceback(error):
    """The traceback without this worker's own frames, so it points at the user's code."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__ and tb.tb_next is not None:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb))


def _serve():
    while True:
        line = _PROTO_IN.readline()
        if not line:
            return
        if not line.strip():
            continue
        out, err = io.StringIO(), io.StringIO()
        request_id = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                request = json.loads(line)
                request_id = request.get("id")
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    response = _handle(request)
            except BaseException as e:
                response = {"ok": False, "error": str(e) or type(e).__name__, "type": type(e).__name__,
                            "traceback": _user_traceback(e)}
        response["id"] = request_id
        response["stdout"] = out.getvalue()
        response["stderr"] = err.getvalue()
        response["warnings"] = ["%s:%s: %s: %s" % (w.filename, w.lineno, w.category.__name__, w.message) for w in caught]
        try:
            text = json.dumps(response, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as e:
            text = json.dumps({"id": request_id, "ok": False, "error": "worker could not encode the response: %s" % e,
                               "type": type(e).__name__, "stdout": "", "stderr": "", "warnings": []})
        _PROTO_OUT.write(text + "\n")
        _PROTO_OUT.flush()


if __name__ == "__main__":
    try:
        _serve()
    finally:
        _PROTO_OUT.close()
        _PROTO_IN.close()
