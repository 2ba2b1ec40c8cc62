import Testing
@testable import AccordCore

@Suite struct VersionRangeTests {
    /// A range, the versions it must accept, and the versions it must refuse.
    struct Example: Sendable, CustomTestStringConvertible {
        let range: String
        let accepts: [String]
        let refuses: [String]
        init(_ range: String, _ accepts: [String], _ refuses: [String]) {
            (self.range, self.accepts, self.refuses) = (range, accepts, refuses)
        }
        var testDescription: String { range }
    }

    @Test(arguments: [
        Example("1.2.3", ["1.2.3", "1.2.3+build"], ["1.2.4", "1.2.2", "1.2.3-beta"]),
        Example("=1.2.3", ["1.2.3"], ["1.2.4", "1.3.0"]),
        Example("^1.2.3", ["1.2.3", "1.2.10", "1.9.0"], ["1.2.2", "2.0.0", "2.0.0-alpha", "1.5.0-rc.1"]),
        Example("^1.2", ["1.2.0", "1.99.99"], ["1.1.9", "2.0.0"]),
        Example("^1", ["1.0.0", "1.9.9"], ["0.9.9", "2.0.0"]),
        Example("^1.x", ["1.0.0", "1.9.9"], ["2.0.0"]),
        Example("^0.2.3", ["0.2.3", "0.2.9"], ["0.2.2", "0.3.0", "1.0.0"]),
        Example("^0.2", ["0.2.0", "0.2.9"], ["0.1.9", "0.3.0"]),
        Example("^0.0.3", ["0.0.3"], ["0.0.2", "0.0.4", "0.1.0"]),
        Example("^0.0", ["0.0.0", "0.0.9"], ["0.1.0"]),
        Example("^0", ["0.0.0", "0.9.9"], ["1.0.0"]),
        Example("~1.2.3", ["1.2.3", "1.2.9"], ["1.2.2", "1.3.0"]),
        Example("~1.2", ["1.2.0", "1.2.9"], ["1.1.9", "1.3.0"]),
        Example("~1", ["1.0.0", "1.9.0"], ["2.0.0"]),
        Example("~0.2.3", ["0.2.3", "0.2.4"], ["0.3.0"]),
        Example(">=1.0.0", ["1.0.0", "5.0.0"], ["0.9.9"]),
        Example(">=1.2", ["1.2.0"], ["1.1.9"]),
        Example(">1", ["2.0.0"], ["1.0.0", "1.9.9"]),
        Example(">1.2", ["1.3.0"], ["1.2.9"]),
        Example(">1.2.3", ["1.2.4"], ["1.2.3"]),
        Example("<2.0.0", ["0.0.0", "1.9.9"], ["2.0.0", "2.0.0-beta", "1.9.9-beta"]),
        Example("<2", ["1.9.9"], ["2.0.0"]),
        Example("<1.2", ["1.1.9"], ["1.2.0"]),
        Example("<=1.2.3", ["1.2.3"], ["1.2.4"]),
        Example("<=1.2", ["1.2.9"], ["1.3.0"]),
        Example("<=1", ["1.9.9"], ["2.0.0"]),
        Example(">=1.0 <2", ["1.0.0", "1.9.9"], ["0.9.9", "2.0.0"]),
        Example(">=1.0, <2", ["1.0.0", "1.9.9"], ["0.9.9", "2.0.0"]),
        Example(">=1.0,<2", ["1.5.0"], ["2.0.0"]),
        Example(">= 1.0 < 2", ["1.5.0"], ["2.0.0", "0.5.0"]),
        Example("^1.4 || ^3", ["1.4.0", "3.1.0"], ["1.3.0", "2.0.0", "4.0.0"]),
        Example("1.2.3 || 1.2.5", ["1.2.3", "1.2.5"], ["1.2.4"]),
        Example("1", ["1.0.0", "1.9.9"], ["2.0.0", "0.9.9"]),
        Example("1.x", ["1.0.0", "1.9.9"], ["2.0.0"]),
        Example("1.2", ["1.2.0", "1.2.9"], ["1.3.0"]),
        Example("1.2.x", ["1.2.0", "1.2.9"], ["1.3.0", "1.1.0"]),
        Example("1.2.*", ["1.2.7"], ["1.3.0"]),
        Example("1.X.x", ["1.5.0"], ["2.0.0"]),
        Example("*", ["0.0.0", "99.0.0"], ["1.0.0-beta"]),
        Example("x", ["1.0.0"], []),
        Example("^1.2.3+build.7", ["1.2.3", "1.3.0"], ["2.0.0"]),
    ])
    func acceptsTheVersionsItNames(_ example: Example) throws {
        let range = try VersionRange(example.range)
        for text in example.accepts {
            #expect(range.contains(try SemanticVersion(text)), "\(example.range) should accept \(text)")
        }
        for text in example.refuses {
            #expect(!range.contains(try SemanticVersion(text)), "\(example.range) should refuse \(text)")
        }
    }

    @Test(arguments: [
        Example(">=1.2.3-beta.2", ["1.2.3-beta.2", "1.2.3-beta.10", "1.2.3-rc.1", "1.2.3", "1.3.0"],
                ["1.2.3-beta.1", "1.2.3-alpha", "1.3.0-alpha"]),
        Example("^1.2.3-beta", ["1.2.3-beta", "1.2.3-beta.1", "1.5.0"], ["1.2.3-alpha", "1.5.0-beta", "2.0.0-beta"]),
        Example("~1.2.3-rc.1", ["1.2.3-rc.1", "1.2.3-rc.2", "1.2.4"], ["1.2.4-rc.1", "1.3.0"]),
        Example("=1.2.3-beta", ["1.2.3-beta"], ["1.2.3-beta.1", "1.2.3"]),
        Example("<1.2.3-beta", ["1.2.3-alpha", "1.2.2"], ["1.2.3-beta", "1.2.2-beta"]),
        Example("^1.0 || >=2.0.0-rc <3", ["1.5.0", "2.0.0-rc.2", "2.5.0"], ["1.5.0-rc", "2.1.0-beta"]),
    ])
    func acceptsPrereleasesOnlyWhereTheyAreNamed(_ example: Example) throws {
        try acceptsTheVersionsItNames(example)
    }

    @Test(arguments: [
        ("", "it is empty (write '*' for any version)"),
        ("  ", "it is empty (write '*' for any version)"),
        ("^x", "'^' needs a version number, not 'x' (write '*' alone for any version)"),
        (">=*", "'>=' needs a version number, not '*' (write '*' alone for any version)"),
        (">=1.0 <2.x.1", "in '<2.x.1', patch '1' follows a wildcard"),
        ("1.2.3.4", "'1.2.3.4' has more than three parts"),
        ("^1.02", "minor '02' has a leading zero"),
        ("abc", "major 'abc' is not a number"),
        (">=1.0, lots", "in 'lots', major 'lots' is not a number"),
        ("1.2-beta", "a prerelease needs major.minor.patch, found '1.2'"),
        ("1.0 - 2.0", "hyphen ranges are not supported (write '>=1.0.0 <=2.0.0')"),
        ("1.0 | 2.0", "'|' is not an operator (alternatives are separated by '||')"),
        ("^1 ||", "an alternative on either side of '||' is empty"),
        (">=", "'>=' needs a version"),
        ("1.0 <", "'<' needs a version"),
        ("=>1.0", "'=>' is not an operator"),
        ("~>1.0", "'~>' is not an operator"),
    ])
    func namesTheOffendingText(_ example: (text: String, reason: String)) {
        let error = #expect(throws: VersionError.self) { try VersionRange(example.text) }
        #expect(error?.reason == example.reason)
        #expect(error?.description == "'\(example.text)' is not a version range: \(example.reason)")
    }

    @Test func describesItselfAsWritten() throws {
        #expect(try VersionRange(">=1.0,  <2").description == ">=1.0,  <2")
        #expect(try VersionRange("^1.4 || ^3").description == "^1.4 || ^3")
        #expect(try VersionRange("^1.0") == VersionRange("^1.0"))
    }
}
