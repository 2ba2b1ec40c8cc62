import AccordCore
import AccordPublishing
import Foundation

/// A hook of the schedule (`on_failure`, `on_recovery`): a shell command run in the
/// workspace with what happened in its environment, in a process group of its own that is
/// stopped, whole, at `schedule.hook_timeout`. Its exit status changes nothing but a line.
struct ScheduleHook {
    let workspace: Workspace
    let schedule: Schedule
    let trigger: String

    /// Runs `command`, if there is one; `what` names it in messages: `the failure hook of quarterly 2020-Q4`.
    func run(_ command: String?, environment: [String: String], what hook: String) {
        guard let command else { return }
        do {
            let child = try ChildProcess("/bin/sh", ["-c", command], in: workspace.root, environment: environment, output: .inherit)
            let exit = child.wait(timeout: schedule.hookTimeout, grace: 2)
            if exit.timedOut {
                let message = "\(hook) was stopped after \(ScheduleLog.seconds(schedule.hookTimeout)) (schedule.hook_timeout)"
                warn("accord: " + message)
                ScheduleLog(workspace: workspace, schedule: schedule).append("\(trigger) " + message)
            } else if exit.status != 0 {
                warn("accord: \(hook) exited \(exit.status)")
            }
        } catch {
            warn("accord: \(hook) did not run: \(error)")
        }
    }
}
