"""The one error a content file can raise: it names the file, the entry and the problem."""

from pathlib import Path


class ContentError(Exception):
    """A content file is malformed; nothing of the load is kept."""

    def __init__(self, path: Path, entry: str, problem: str):
        self.path, self.entry, self.problem = path, entry, problem
        where = f"{path}: {entry}" if entry else str(path)
        super().__init__(f"{where}: {problem}")


def describe_location(raw, loc: tuple) -> str:
    """Turn a location like ("teachers", 3, "email") into "teachers #4 (anna@x.fi) > email"."""
    parts, node = [], raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            label = entry_label(node)
            parts[-1] = f"{parts[-1] if parts else ''} #{step + 1}{f' ({label})' if label else ''}"
            continue
        parts.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
    return " > ".join(part.strip() for part in parts)


def entry_label(node) -> str | None:
    if isinstance(node, dict):
        for key in ("key", "email", "name", "title"):
            if isinstance(node.get(key), str):
                return node[key]
    return None
