"""Use cases: what a person asks vanban to do; they return values or raise VanbanError."""
