import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process: its wall time, its peak memory and how it ended.
struct ChildRun {
    var seconds: Double
    /// Peak resident set size, in bytes (`ru_maxrss` from `wait4`).
    var peakRSS: Int
    var status: Int32
}

/// Runs `arguments` in `directory` with stdout to `output` (or /dev/null) and
/// stderr to `errors`, and measures it. `posix_spawn` and `wait4` rather than
/// `Process`: `wait4` gives this child's own peak memory.
func runChild(_ arguments: [String], in directory: String, output: String = "/dev/null",
              errors: String = "/dev/null") throws -> ChildRun {
    try runChildren([(arguments, output, errors)], in: directory)[0]
}

/// Runs the commands side by side in `directory`, each with its stdout and
/// stderr files, and measures each.
func runChildren(_ commands: [(arguments: [String], output: String, errors: String)],
                 in directory: String) throws -> [ChildRun] {
    // The bench starts children from one thread: it may move itself into their folder.
    let home = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(directory) else { throw BenchError("no folder \(directory)") }
    var started: [(pid: pid_t, start: UInt64)] = []
    func wait(_ child: (pid: pid_t, start: UInt64)) -> ChildRun {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child.pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - child.start) / 1e9
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(seconds: seconds, peakRSS: usage.ru_maxrss * 1024, status: exit)
    }
    do {
        defer { _ = FileManager.default.changeCurrentDirectoryPath(home) }
        for command in commands { started.append(try spawn(command.arguments, output: command.output, errors: command.errors)) }
    } catch {
        started.forEach { _ = wait($0) }
        throw error
    }
    return started.map(wait)
}

private func spawn(_ arguments: [String], output: String, errors: String) throws -> (pid: pid_t, start: UInt64) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
    return (pid, start)
}

/// Runs the command and fails with its stderr when it does not exit 0; stderr
/// goes to `errors` when given (and stays there), else to a temporary file.
@discardableResult
func mustRun(_ arguments: [String], in directory: String, output: String = "/dev/null",
             errors: String? = nil) throws -> ChildRun {
    let path = errors ?? NSTemporaryDirectory() + "accord-bench-\(getpid()).err"
    defer { if errors == nil { try? FileManager.default.removeItem(atPath: path) } }
    return try succeeded(runChild(arguments, in: directory, output: output, errors: path), arguments, errors: path)
}

/// `run`, or an error with the command and its stderr (in `errors`) when it did not exit 0.
func succeeded(_ run: ChildRun, _ arguments: [String], errors: String) throws -> ChildRun {
    guard run.status == 0 else {
        let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        throw BenchError("\(arguments.joined(separator: " ")) exited \(run.status): \(message.prefix(2000))")
    }
    return run
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
