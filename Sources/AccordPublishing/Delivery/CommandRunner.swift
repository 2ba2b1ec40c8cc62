import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command line through `/bin/sh` with bytes on its standard input and a
/// time limit, in a process group of its own, so that a command that hangs is
/// stopped with whatever it started (SIGTERM, then SIGKILL two seconds later).
/// Standard input and output go through unnamed temporary files: nothing is
/// left behind, and no pipe can fill up and block either side.
public enum CommandRunner {
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that stopped it.
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var timedOut: Bool

        /// The first line the command said on stderr, or its exit status.
        public var firstError: String {
            let line = stderr.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return line.isEmpty ? "exit \(status)" : line
        }
    }

    /// Runs `command` (a shell command line) in `folder` with `input` on its standard input.
    /// A `timeout` of 0 waits as long as it takes.
    public static func run(_ command: String, input: Data = Data(), in folder: URL? = nil, timeout: Double) throws -> Outcome {
        try run(["/bin/sh", "-c", command], input: input, in: folder, timeout: timeout)
    }

    /// Runs `arguments` (the program first, found on `PATH` when it has no slash).
    public static func run(_ arguments: [String], input: Data = Data(), in folder: URL? = nil, timeout: Double) throws -> Outcome {
        let stdin = try unnamedFile(), stdout = try unnamedFile(), stderr = try unnamedFile()
        defer { close(stdin); close(stdout); close(stderr) }
        try fill(stdin, with: input)
        lseek(stdin, 0, SEEK_SET)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let folder, let changeFolder = addChdir { _ = folder.path.withCString { changeFolder(&actions, $0) } }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CommandError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }

        let deadline = timeout > 0 ? Date().addingTimeInterval(timeout) : nil
        var status = poll(pid, until: deadline)
        var timedOut = false
        if status == nil {
            timedOut = true
            kill(-pid, SIGTERM)
            status = poll(pid, until: Date().addingTimeInterval(2))
            kill(-pid, SIGKILL)
            if status == nil { status = poll(pid, until: nil) }
        }
        return Outcome(status: status ?? 128 + SIGKILL, stdout: contents(of: stdout),
                       stderr: String(decoding: contents(of: stderr), as: UTF8.self), timedOut: timedOut)
    }

    private static func poll(_ pid: pid_t, until deadline: Date?) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            if result < 0 && errno != EINTR { return 128 + SIGKILL }
            if let deadline, Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    private static func fill(_ descriptor: Int32, with data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CommandError("cannot write a temporary file: \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }

    private static func contents(of descriptor: Int32) -> Data {
        lseek(descriptor, 0, SEEK_SET)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(descriptor, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    /// A temporary file removed the moment it is made.
    private static func unnamedFile() throws -> Int32 {
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/accord-deliver-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw CommandError("cannot make a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        unlink(template)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return descriptor
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29), which Swift's system module leaves out.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()
}

/// A command that could not be started or fed.
public struct CommandError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
