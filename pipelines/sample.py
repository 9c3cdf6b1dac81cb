"""The sample project every new user starts on."""

from __future__ import annotations

from studio.samples import SAMPLE_SCREENPLAY
from studio.store.catalog import ProjectCatalog
from pipelines.script.service import import_script

SAMPLE_PROJECT = "Night Ferry (sample)"


def create_sample_project(catalog: ProjectCatalog, name: str = SAMPLE_PROJECT):
    repo = catalog.create(name)
    import_script(repo, SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    return repo


def default_project_name(catalog: ProjectCatalog) -> str:
    """The project to open when none is chosen: the last one worked on, else a new sample."""
    projects = catalog.list_projects()
    if projects:
        return max(projects, key=lambda p: p.updated_at).name
    create_sample_project(catalog)
    return SAMPLE_PROJECT
