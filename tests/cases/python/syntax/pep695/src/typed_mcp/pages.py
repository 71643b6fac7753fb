from dataclasses import dataclass

type Row = dict[str, str]
type Mapper[T] = dict[str, T]


@dataclass
class Page[T]:
    items: list[T]
    cursor: str | None = None


def first[T: (str, bytes)](items: list[T]) -> T:
    return items[0]
