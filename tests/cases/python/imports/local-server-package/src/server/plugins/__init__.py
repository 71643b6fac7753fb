import importlib
import pkgutil

DISABLED = {"legacy"}


def all_plugins() -> dict:
    import server.plugins as pkg

    found = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        if not info.name.startswith("_"):
            found[info.name] = importlib.import_module(f"server.plugins.{info.name}")
    return found


def enabled_plugins() -> list:
    return [module for name, module in all_plugins().items() if name not in DISABLED]
