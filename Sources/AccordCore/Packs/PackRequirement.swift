/// A rule pack a workspace applies, and the versions of it that it accepts:
/// one entry of `packs:` in `accord.yaml`.
public struct PackRequirement: Equatable, Sendable {
    /// The pack's folder name.
    public var name: String
    public var range: VersionRange
    /// Where the pack is fetched from; nil for a pack found on the search path.
    public var source: PackSource?

    public init(name: String, range: VersionRange, source: PackSource? = nil) {
        self.name = name
        self.range = range
        self.source = source
    }

    /// Whether `name` can name a pack: letters, digits, `-` and `_`, so that it
    /// is a plain folder name and a plain Lua module name.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy {
            VersionSyntax.isDigit($0) || VersionSyntax.isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }
}
