"""Projects: every production in this data folder; create, open, rename, delete, bundles."""

import streamlit as st

from pipelines.script.service import import_to_project
from studio.errors import SlatebookError
from ui import flash, state
from ui.errors import shown_errors
from ui.files import SCREENPLAY_TYPES, as_temp_file, temp_folder

catalog = state.catalog()
current = state.current_project_name()

st.title("Projects")
flash.show()

projects = catalog.list_projects()
st.dataframe(
    [
        {
            "Project": p.name,
            "Scenes": p.scene_count,
            "Last updated": p.updated_at,
            "Open": "●" if p.name == current else "",
            # The store lists a project it cannot open rather than hide it; say why.
            **({"Problem": p.problem} if any(q.problem for q in projects) else {}),
        }
        for p in projects
    ],
    hide_index=True,
    column_config={
        "Last updated": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
        "Open": st.column_config.TextColumn(width="small", help="The project you are working on"),
    },
)

st.subheader("Work on a project")
names = [p.name for p in projects]
if st.session_state.get("projects.chosen") not in names:
    st.session_state.pop("projects.chosen", None)  # renamed or deleted since last run
chosen = st.selectbox("Project", names, index=names.index(current) if current in names else 0, key="projects.chosen")
if chosen:
    open_col, export_col = st.columns(2)
    if open_col.button(f"Open {chosen}", type="primary", key="projects.open"):
        state.open_project(chosen)
        st.switch_page("app_pages/script.py")

    with export_col:
        bundle_key = f"projects.bundle.{chosen}"
        if st.button("Prepare a bundle to export", key="projects.prepare_bundle"):
            with shown_errors(), temp_folder() as folder:
                path = catalog.export_bundle(chosen, folder / f"{chosen}.slatebook")
                st.session_state[bundle_key] = path.read_bytes()
        if bundle_key in st.session_state:
            st.download_button(
                f"Download {chosen}.slatebook",
                data=st.session_state[bundle_key],
                file_name=f"{chosen}.slatebook",
                mime="application/zip",
            )

    with st.expander("Rename"):
        new_name = st.text_input("New name", key="projects.rename_to")
        if st.button("Rename", disabled=not new_name.strip(), key="projects.rename"):
            with shown_errors():
                catalog.rename(chosen, new_name.strip())
                if chosen == current:
                    state.open_project(new_name.strip())
                flash.success(f"Renamed {chosen} to {new_name.strip()}.")
                st.rerun()

    with st.expander("Delete"):
        sure = st.checkbox(f"Move {chosen} to the trash", key="projects.delete_sure")
        st.caption("Deleted projects go to the trash folder in the data folder, so they can be recovered by hand.")
        if st.button("Delete project", disabled=not sure, key="projects.delete"):
            with shown_errors():
                catalog.delete(chosen)
                if chosen == current:
                    state.forget_project()
                st.session_state.pop("projects.delete_sure", None)  # the next delete asks again
                flash.success(f"Moved {chosen} to the trash.")
                st.rerun()

st.subheader("New project")
with st.form("projects.new", clear_on_submit=True):
    name = st.text_input("Name", placeholder="Leave empty to use the screenplay's title", key="projects.new_name_field")
    upload = st.file_uploader("Screenplay (optional)", type=list(SCREENPLAY_TYPES), key="projects.new_script")
    if st.form_submit_button("Create project", type="primary"):
        with shown_errors():
            if upload:
                project_name, _ = import_to_project(catalog, upload.getvalue(), upload.name, name, new=True)
            elif name.strip():
                project_name = catalog.create(name.strip()).get_project().name
            else:
                raise SlatebookError("A new project needs a name.", "Type a name, or add a screenplay to name it from.")
            state.open_project(project_name)
            flash.success(f"Created {project_name}.")
            st.switch_page("app_pages/script.py")

st.subheader("Import a bundle")
bundle = st.file_uploader("Slatebook bundle", type=["slatebook"], key="projects.bundle_upload")
bundle_name = st.text_input("Name for the imported project (optional)", key="projects.bundle_name")
if bundle is not None and st.button(f"Import {bundle.name}", type="primary", key="projects.import_bundle"):
    with shown_errors(), as_temp_file(bundle.getvalue(), bundle.name) as path:
        repo = catalog.import_bundle(path, name=bundle_name.strip() or None)
        imported = repo.get_project().name
        state.open_project(imported)
        flash.success(f"Imported {bundle.name} as {imported}.")
        st.rerun()
