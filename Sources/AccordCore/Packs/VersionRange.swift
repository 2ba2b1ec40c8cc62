import Foundation

/// A version constraint in the npm and Cargo style.
///
/// - `1.2.3`, `=1.2.3`: exactly that version.
/// - `^1.2.3` (`>=1.2.3 <2.0.0`), `^0.2.3` (`<0.3.0`), `^0.0.3` (`<0.0.4`), `^1.2`, `^0.0`:
///   changes that do not modify the left-most non-zero part.
/// - `~1.2.3` (`>=1.2.3 <1.3.0`), `~1.2`, `~1` (`<2.0.0`): patch changes.
/// - `>=1.0.0`, `>1`, `<2.0.0`, `<=1.2`: comparisons; a partial version stands
///   for all the versions it covers (`>1` is `>=2.0.0`, `<=1.2` is `<1.3.0`).
/// - `1.x`, `1.2.*`, `1`, `*`: wildcards (`*` alone accepts every version).
/// - Constraints separated by spaces or commas must all hold (`>=1.0, <2`);
///   alternatives separated by `||` are tried in turn (`^1.4 || ^2`).
///
/// An operator needs a number for its major version: `^x` and `>=*` are refused.
///
/// A prerelease such as `2.0.0-beta.1` is accepted only by an alternative that
/// names a prerelease of the same major.minor.patch (`>=2.0.0-alpha`): `^1.0`
/// does not pick up `1.5.0-rc.1`, and `*` matches releases only (npm's rule).
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
    /// The text the range was read from.
    public let description: String
    let alternatives: [[VersionComparator]]

    public init(_ text: String) throws(VersionError) {
        func fail(_ reason: String) -> VersionError {
            VersionError(text: text, expected: "version range", reason: reason)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw fail("it is empty (write '*' for any version)") }
        var alternatives: [[VersionComparator]] = []
        for alternative in trimmed.components(separatedBy: "||") {
            let constraints = try Self.constraints(in: alternative, fail: fail)
            if constraints.isEmpty { throw fail("an alternative on either side of '||' is empty") }
            var comparators: [VersionComparator] = []
            for constraint in constraints {
                do throws(VersionSyntax.Reason) {
                    comparators += try VersionComparator.reduce(constraint[...])
                } catch {
                    throw fail(constraint == trimmed ? error.message : "in '\(constraint)', \(error.message)")
                }
            }
            alternatives.append(comparators)
        }
        self.description = text
        self.alternatives = alternatives
    }

    /// Whether `version` satisfies the range.
    public func contains(_ version: SemanticVersion) -> Bool {
        alternatives.contains { comparators in
            comparators.allSatisfy { $0.matches(version) }
                && (!version.isPrerelease || comparators.contains {
                    $0.version.isPrerelease && $0.version.release == version.release
                })
        }
    }

    /// The constraints of one alternative, an operator written apart from its
    /// version (`>= 1.0`) joined back to it.
    private static func constraints(in alternative: String, fail: (String) -> VersionError) throws(VersionError) -> [String] {
        let words = alternative.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        var constraints: [String] = []
        var pendingOperator: String?
        for word in words {
            if word == "-" { throw fail("hyphen ranges are not supported (write '>=1.0.0 <=2.0.0')") }
            if word.contains("|") { throw fail("'|' is not an operator (alternatives are separated by '||')") }
            if let op = pendingOperator {
                constraints.append(op + word)
                pendingOperator = nil
            } else if [">=", "<=", ">", "<", "=", "^", "~"].contains(word) {
                pendingOperator = word
            } else {
                constraints.append(word)
            }
        }
        if let op = pendingOperator { throw fail("'\(op)' needs a version") }
        return constraints
    }
}
