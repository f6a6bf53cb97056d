"""The public API has docstrings (help()) and type stubs that name it."""
import ast
import os

import entente


def test_every_public_name_has_a_docstring_and_a_stub():
    stub = ast.parse(open(os.path.join(os.path.dirname(entente.__file__), "__init__.pyi"), encoding="utf-8").read())
    stubbed = {n.name for n in stub.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    stubbed |= {a.asname or a.name for n in stub.body if isinstance(n, ast.ImportFrom) for a in n.names}
    for name in entente.__all__:
        obj = getattr(entente, name)
        assert (obj.__doc__ or "").strip(), name
        assert name in stubbed, name
    for name in ["sobol", "morris", "prim"]:
        assert getattr(entente.analyze, name).__doc__.strip()
    for name in ["run", "compare", "sweep", "validate", "policies", "uncertainties", "outcomes"]:
        assert (getattr(entente.Scenario, name).__doc__ or "").strip(), name
