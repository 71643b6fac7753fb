import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings


class JotpadConfig(BaseSettings):
    cloud_host: str = Field(
        default_factory=lambda: os.getenv("JOTPAD_CLOUD_HOST", "https://cloud.jotpad.example"),
        description="Jotpad Cloud host URL",
    )
    data_dir: Path = Path.home() / ".jotpad"


class ConfigManager:
    @property
    def config(self) -> JotpadConfig:
        return JotpadConfig()
