import AccordCore
import Foundation

/// The schedule's log (`schedule.log`): a line per run, and per hook or call
/// that had to be stopped, each with its time.
struct ScheduleLog {
    let workspace: Workspace
    let schedule: Schedule

    func append(_ text: String) {
        guard let file = schedule.log else { return }
        let path = workspace.path(file)
        let line = Data("\(ISO8601DateFormatter().string(from: Date())) \(text)\n".utf8)
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(line)
            try? handle.close()
        } else {
            try? line.write(to: URL(fileURLWithPath: path))
        }
    }

    /// `60 s`, `30 min`.
    static func seconds(_ value: Double) -> String {
        value >= 120 && value.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(value / 60)) min" : "\(Int(value.rounded())) s"
    }
}
