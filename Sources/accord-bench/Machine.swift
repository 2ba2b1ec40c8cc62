import Foundation

/// What the figures were measured on.
enum Machine {
    static var description: [String: Any] {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown"
        return ["cpu": cpu, "cores": ProcessInfo.processInfo.activeProcessorCount,
                "memory_gib": Int(ProcessInfo.processInfo.physicalMemory >> 30),
                "os": ProcessInfo.processInfo.operatingSystemVersionString]
    }
}
