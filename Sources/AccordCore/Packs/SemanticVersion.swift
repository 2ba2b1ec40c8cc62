/// A version as SemVer 2.0.0 defines it: `1.2.3`, `1.2.3-beta.1`, `1.2.3+build.5`.
///
/// Ordering follows SemVer precedence: a prerelease comes before its release,
/// and prerelease identifiers compare numerically when both are numbers,
/// otherwise in ASCII order, numbers before words, a shorter list first when
/// one is a prefix of the other (`1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0`).
/// Build metadata takes no part in ordering or equality: `1.0.0+a == 1.0.0+b`.
public struct SemanticVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// The identifiers after `-`; empty for a release.
    public var prerelease: [String]
    /// The identifiers after `+`.
    public var build: [String]

    public init(_ major: Int, _ minor: Int, _ patch: Int, prerelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Reads `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`; all three numbers are required.
    public init(_ text: String) throws(VersionError) {
        do throws(VersionSyntax.Reason) {
            let (core, prerelease, build) = VersionSyntax.split(text[...])
            let parts = core.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw VersionSyntax.Reason(core.isEmpty ? "expected major.minor.patch" : "expected major.minor.patch, found '\(core)'")
            }
            let major = try VersionSyntax.number(parts[0], name: "major")
            let minor = try VersionSyntax.number(parts[1], name: "minor")
            let patch = try VersionSyntax.number(parts[2], name: "patch")
            self.init(major, minor, patch)
            if let prerelease { self.prerelease = try VersionSyntax.identifiers(prerelease, name: "prerelease") }
            if let build { self.build = try VersionSyntax.identifiers(build, name: "build") }
        } catch {
            throw VersionError(text: text, expected: "version", reason: error.message)
        }
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The same version without prerelease and build.
    public var release: SemanticVersion { SemanticVersion(major, minor, patch) }

    public var description: String {
        "\(major).\(minor).\(patch)"
            + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: "."))
            + (build.isEmpty ? "" : "+" + build.joined(separator: "."))
    }

    public static func == (a: SemanticVersion, b: SemanticVersion) -> Bool {
        (a.major, a.minor, a.patch, a.prerelease) == (b.major, b.minor, b.patch, b.prerelease)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): break
        }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            return precedes(x, y)
        }
        return a.prerelease.count < b.prerelease.count
    }

    private static func precedes(_ x: String, _ y: String) -> Bool {
        switch (VersionSyntax.isNumeric(x), VersionSyntax.isNumeric(y)) {
        case (true, true): return x.utf8.count != y.utf8.count ? x.utf8.count < y.utf8.count : x.utf8.lexicographicallyPrecedes(y.utf8)
        case (true, false): return true
        case (false, true): return false
        case (false, false): return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
    }
}
