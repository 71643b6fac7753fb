class Module:
    def __init__(self, app, settings):
        self.app = app
        self.settings = settings

    def register(self) -> None:
        raise NotImplementedError
