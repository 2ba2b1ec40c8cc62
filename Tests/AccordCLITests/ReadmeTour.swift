import Foundation

/// The "A five-minute tour" section of the repository's README, as blocks in order:
/// shell commands, YAML to add to `accord.yaml`, and the output the commands print.
struct ReadmeTour {
    enum Block: Equatable {
        /// The lines of a `sh` block, comments removed.
        case commands([String])
        /// A `yaml` block, added to the workspace's `accord.yaml`.
        case settings(String)
        /// A block without a language: lines the commands before it print.
        case output([String])
    }

    static let heading = "## A five-minute tour"
    let blocks: [Block]

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try self.init(readme: String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8))
    }

    init(readme: String) throws {
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: Self.heading) else { throw TourError("README.md has no '\(Self.heading)' section") }
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        var blocks: [Block] = []
        var fence: (language: String, lines: [String])?
        for line in section {
            if line.hasPrefix("```") {
                if let open = fence {
                    blocks.append(Self.block(language: open.language, lines: open.lines))
                    fence = nil
                } else {
                    fence = (String(line.dropFirst(3)), [])
                }
            } else if fence != nil {
                fence?.lines.append(line)
            }
        }
        self.blocks = blocks
    }

    private static func block(language: String, lines: [String]) -> Block {
        switch language {
        case "sh":
            return .commands(lines.map { line in
                let command = line.range(of: " #").map { String(line[..<$0.lowerBound]) } ?? line
                return command.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
        case "yaml":
            return .settings(lines.joined(separator: "\n") + "\n")
        default:
            return .output(lines)
        }
    }
}

struct TourError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
