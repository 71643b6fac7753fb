import subprocess


class Runner:
    def run(self, cmd: str) -> str:
        return self._exec(cmd)

    def _exec(self, cmd: str) -> str:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout

    @staticmethod
    def clean(text: str) -> str:
        return text.strip()

    @classmethod
    def make(cls) -> "Runner":
        return cls()
