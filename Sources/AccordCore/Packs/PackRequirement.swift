/// A rule pack a workspace applies, and the versions of it that it accepts:
/// one entry of `packs:` in `accord.yaml`.
public struct PackRequirement: Equatable, Sendable {
    /// The pack's folder name.
    public var name: String
    public var range: VersionRange

    public init(name: String, range: VersionRange) {
        self.name = name
        self.range = range
    }

    /// Whether `name` can name a pack: letters, digits, `-` and `_`, so that it
    /// is a plain folder name and a plain Lua module name.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy {
            VersionSyntax.isDigit($0) || VersionSyntax.isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }
}
