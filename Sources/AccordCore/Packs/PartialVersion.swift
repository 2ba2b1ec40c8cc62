/// A version as written in a range: `1`, `1.2`, `1.x`, `1.2.*`, `*` or a full version.
/// A missing or wildcard part is nil; a prerelease needs all three numbers.
struct PartialVersion: Sendable {
    var major: Int?
    var minor: Int?
    var patch: Int?
    var prerelease: [String] = []

    static let wildcards: Set<Substring> = ["x", "X", "*"]

    init(_ text: Substring) throws(VersionSyntax.Reason) {
        let (core, prerelease, build) = VersionSyntax.split(text)
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 3 else { throw VersionSyntax.Reason("'\(core)' has more than three parts") }
        let names = ["major", "minor", "patch"]
        var numbers: [Int?] = []
        for (name, part) in zip(names, parts) {
            if Self.wildcards.contains(part) {
                numbers.append(nil)
            } else if numbers.contains(where: { $0 == nil }) {
                throw VersionSyntax.Reason("\(name) '\(part)' follows a wildcard")
            } else {
                numbers.append(try VersionSyntax.number(part, name: name))
            }
        }
        numbers += Array(repeating: nil, count: 3 - numbers.count)
        (major, minor, patch) = (numbers[0], numbers[1], numbers[2])
        if let prerelease {
            guard patch != nil else { throw VersionSyntax.Reason("a prerelease needs major.minor.patch, found '\(core)'") }
            self.prerelease = try VersionSyntax.identifiers(prerelease, name: "prerelease")
        }
        if let build { _ = try VersionSyntax.identifiers(build, name: "build") }
    }

    /// The lowest version the partial names: missing parts are 0.
    var floor: SemanticVersion { SemanticVersion(major ?? 0, minor ?? 0, patch ?? 0, prerelease: prerelease) }
}
