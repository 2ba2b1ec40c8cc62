import AccordCore
import AccordScripting

/// Brings the saved labels up to date before scheduled reports run, so that what
/// each run is recorded as made from (the data's revision) already includes them.
/// A failure is not lost: each report then tries again itself, fails with it, and
/// is recorded as failed.
func updateLabelsBeforeRuns(_ workspace: Workspace, _ store: Store) {
    _ = try? LabelUpdate(workspace: workspace, store: store, limits: workspace.config.limits).run()
}
