from typing import Optional

import httpx


class Strategy:
    def client(self) -> httpx.Client:
        raise NotImplementedError


class Resolver:
    _strategy: Optional[Strategy] = None

    @staticmethod
    def set_strategy(strategy: Strategy) -> None:
        Resolver._strategy = strategy

    @staticmethod
    def get_client() -> Optional[httpx.Client]:
        """A shortcut to the API client."""
        if Resolver._strategy is None:
            raise RuntimeError("no strategy")
        return Resolver._strategy.context.client
