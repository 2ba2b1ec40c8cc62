import AccordPublishing
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The child's side of `ChildProcess`'s lifeline: when `ACCORD_LIFELINE`
/// names a descriptor, a thread waits on it, and when the parent is gone
/// (the pipe's write end closed) stops this process and its group at once,
/// whatever the main thread is doing (a script in a loop included).
enum Lifeline {
    static let variable = ChildProcess.lifelineVariable

    /// Starts watching the parent, when this process was started with a lifeline.
    static func watchParent() {
        guard let text = ProcessInfo.processInfo.environment[variable], let descriptor = Int32(text) else { return }
        unsetenv(variable)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(descriptor, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
            }
            // The group is this process's own when the parent made it so; else stop only this process.
            kill(getpgrp() == getpid() ? 0 : getpid(), SIGKILL)
        }
        thread.start()
    }
}
