import AccordCore
import ArgumentParser
import Foundation

/// `--max-instructions`, `--timeout`, `--max-memory`: per-run overrides of the
/// workspace's `limits`.
struct LimitOptions: ParsableArguments {
    @Option(help: "Stop a script after this many Lua instructions (100000000, 100M, none).")
    var maxInstructions: String?

    @Option(help: "Stop a script after this much wall-clock time (30s, 5m, none).")
    var timeout: String?

    @Option(help: "Stop a script that holds more memory than this (256MiB, 1GiB, none).")
    var maxMemory: String?

    /// The workspace's limits with the flags applied.
    func resolve(_ workspace: Workspace) throws -> ScriptLimits {
        var limits = workspace.config.limits
        if let maxInstructions {
            guard let n = ScriptLimits.parseCount(maxInstructions) else {
                throw UsageError("--max-instructions: '\(maxInstructions)' is not a count (100000000, 100M) or none")
            }
            limits.instructions = n
        }
        if let timeout {
            guard let s = ScriptLimits.parseSeconds(timeout) else {
                throw UsageError("--timeout: '\(timeout)' is not a duration (30s, 5m) or none")
            }
            limits.timeout = s
        }
        if let maxMemory {
            guard let b = ScriptLimits.parseSize(maxMemory) else {
                throw UsageError("--max-memory: '\(maxMemory)' is not a size (256MiB, 1GiB) or none")
            }
            limits.memory = b
        }
        return limits
    }
}
