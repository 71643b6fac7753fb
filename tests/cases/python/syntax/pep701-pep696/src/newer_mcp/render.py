type Pairs[
    K,
    V = str,
] = dict[
    K,
    V,
]


def render[
    T,
    U: str = str,
](items: list[T], sep: U) -> str:
    return sep.join(str(i) for i in items)


class Box[T = int]:
    def __init__(self, item: T) -> None:
        self.item = item
