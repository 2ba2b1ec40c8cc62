import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process: its wall time, its peak memory and how it ended.
public struct ChildRun: Sendable {
    public var seconds: Double
    /// Peak resident set size, in bytes (`ru_maxrss` from `wait4`).
    public var peakRSS: Int
    /// The exit code, or 128 + the signal that ended it.
    public var status: Int32
}

/// Runs `arguments` in `directory` with stdout to `output` (or /dev/null) and
/// stderr to `errors`, and measures it; a child still running after `timeout`
/// seconds is killed. `posix_spawn` and `wait4` rather than `Process`: `wait4`
/// gives this child's own peak memory.
public func runChild(_ arguments: [String], in directory: String, output: String = "/dev/null",
                     errors: String = "/dev/null", timeout: Double? = nil) throws -> ChildRun {
    try runChildren([(arguments, output, errors)], in: directory, timeout: timeout)[0]
}

/// Runs the commands side by side in `directory`, each with its stdout and
/// stderr files, and measures each; children still running after `timeout`
/// seconds are killed.
public func runChildren(_ commands: [(arguments: [String], output: String, errors: String)],
                        in directory: String, timeout: Double? = nil) throws -> [ChildRun] {
    // The bench starts children from one thread: it may move itself into their folder.
    let home = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(directory) else { throw ChildError("no folder \(directory)") }
    var started: [(pid: pid_t, start: UInt64)] = []
    func wait(_ child: (pid: pid_t, start: UInt64)) -> ChildRun {
        let killer = DispatchWorkItem { kill(child.pid, SIGKILL) }
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: DispatchTime(uptimeNanoseconds: child.start + UInt64(timeout * 1e9)),
                                              execute: killer)
        }
        defer { killer.cancel() }
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
    resetOwnPeak()
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
    guard spawned == 0 else { throw ChildError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
    return (pid, start)
}

/// Brings this process's peak memory down to what it holds now. A child's `ru_maxrss` starts from
/// its parent's peak (the child runs in the parent's memory until it executes the command: Linux
/// keeps that memory's peak for it), so a bench that once held much would see every later child
/// as large as that.
private func resetOwnPeak() {
    // The memory malloc keeps after it was freed, given back first (glibc's `malloc_trim`, not in Swift's Glibc module).
    if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
        _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
    }
    // "5" resets the peak resident set size (Linux 4.0 and later; elsewhere nothing happens).
    if let refs = fopen("/proc/self/clear_refs", "w") {
        fputs("5", refs)
        fclose(refs)
    }
}

/// Runs the command and fails with its stderr when it does not exit 0; stderr
/// goes to `errors` when given (and stays there), else to a temporary file.
@discardableResult
public func mustRun(_ arguments: [String], in directory: String, output: String = "/dev/null",
             errors: String? = nil) throws -> ChildRun {
    let path = errors ?? NSTemporaryDirectory() + "child-\(getpid()).err"
    defer { if errors == nil { try? FileManager.default.removeItem(atPath: path) } }
    return try succeeded(runChild(arguments, in: directory, output: output, errors: path), arguments, errors: path)
}

/// `mustRun` for a command whose time is measured: the file data earlier commands left in
/// memory is written out first (`sync`), so that their writing does not land in its time.
@discardableResult
public func mustRunTimed(_ arguments: [String], in directory: String, output: String = "/dev/null",
                         errors: String? = nil) throws -> ChildRun {
    sync()
    return try mustRun(arguments, in: directory, output: output, errors: errors)
}

/// `run`, or an error with the command and its stderr (in `errors`) when it did not exit 0.
public func succeeded(_ run: ChildRun, _ arguments: [String], errors: String) throws -> ChildRun {
    guard run.status == 0 else {
        let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        throw ChildError("\(arguments.joined(separator: " ")) exited \(run.status): \(message.prefix(2000))")
    }
    return run
}

/// A child that could not be started or did not succeed.
public struct ChildError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The median of `values` (not empty).
public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
