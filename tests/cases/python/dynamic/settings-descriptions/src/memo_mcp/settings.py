from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings

DEFAULT_FIND_DESCRIPTION = "Look up memories similar to the query in the vector store."


class ToolSettings(BaseSettings):
    tool_store_description: str = Field(
        default="Keep a memory in the vector store for later use.",
        validation_alias="TOOL_STORE_DESCRIPTION",
    )
    tool_find_description: str = Field(default=DEFAULT_FIND_DESCRIPTION, validation_alias="TOOL_FIND_DESCRIPTION")
    tool_count_description: str = "Count the stored memories."


class PurgeOptions(BaseModel):
    description: str = Field("Delete every stored memory.", description="shown to clients")
