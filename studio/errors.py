"""Errors that carry a message a user can act on.

Every failure a person can cause (a bad file, a missing project, a key that
expired) is raised as a `SlatebookError`: `problem` names what went wrong and
`hint` says what to do. Pages and the CLI show both and never a traceback.
"""


class SlatebookError(Exception):
    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.problem} {self.hint}".strip()


class ImportProblem(SlatebookError):
    """A screenplay file that cannot be read into scenes."""


class StoreProblem(SlatebookError):
    """A project, bundle or data folder that cannot be opened or written."""


class ProjectNotFound(StoreProblem):
    pass
