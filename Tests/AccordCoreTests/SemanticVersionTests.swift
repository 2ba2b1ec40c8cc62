import Testing
@testable import AccordCore

@Suite struct SemanticVersionTests {
    @Test func readsReleasesPrereleasesAndBuilds() throws {
        let v = try SemanticVersion("1.2.3-beta.1+build.05")
        #expect((v.major, v.minor, v.patch) == (1, 2, 3))
        #expect(v.prerelease == ["beta", "1"])
        #expect(v.build == ["build", "05"])
        #expect(v.isPrerelease)
        #expect(v.release == SemanticVersion(1, 2, 3))
        #expect(v.description == "1.2.3-beta.1+build.05")
        #expect(try SemanticVersion("0.0.0").description == "0.0.0")
        #expect(try SemanticVersion("10.20.30+exp.sha.5114f85").build == ["exp", "sha", "5114f85"])
        #expect(try SemanticVersion("1.0.0-x-y.z--").prerelease == ["x-y", "z--"])
    }

    @Test(arguments: [
        ("", "expected major.minor.patch"),
        ("1.2", "expected major.minor.patch, found '1.2'"),
        ("1.2.3.4", "expected major.minor.patch, found '1.2.3.4'"),
        ("01.2.3", "major '01' has a leading zero"),
        ("1.02.3", "minor '02' has a leading zero"),
        ("1.2.03", "patch '03' has a leading zero"),
        ("1..3", "minor is missing"),
        ("1.x.3", "minor 'x' is not a number"),
        ("v1.2.3", "major 'v1' is not a number"),
        ("1.2.3-", "prerelease is empty"),
        ("1.2.3-beta..1", "prerelease 'beta..1' has an empty identifier"),
        ("1.2.3-01", "prerelease identifier '01' has a leading zero"),
        ("1.2.3-be_ta", "prerelease identifier 'be_ta' may only hold 0-9, A-Z, a-z and '-'"),
        ("1.2.3+", "build is empty"),
        ("1.2.3+a+b", "build identifier 'a+b' may only hold 0-9, A-Z, a-z and '-'"),
        ("99999999999999999999.0.0", "major '99999999999999999999' is too large"),
    ])
    func refusesMalformedVersions(_ example: (text: String, reason: String)) {
        let error = #expect(throws: VersionError.self) { try SemanticVersion(example.text) }
        #expect(error?.reason == example.reason)
        #expect(error?.description == "'\(example.text)' is not a version: \(example.reason)")
    }

    @Test func ordersByPrecedence() throws {
        let chain = try [
            "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0",
        ].map(SemanticVersion.init)
        for i in chain.indices {
            for j in chain.indices {
                #expect((chain[i] < chain[j]) == (i < j), "\(chain[i]) < \(chain[j])")
                #expect((chain[i] == chain[j]) == (i == j), "\(chain[i]) == \(chain[j])")
            }
        }
        #expect(chain.reversed().sorted() == chain)
    }

    @Test func comparesLongNumericIdentifiersAsNumbers() throws {
        #expect(try SemanticVersion("1.0.0-9") < SemanticVersion("1.0.0-18446744073709551616"))
        #expect(try SemanticVersion("1.0.0-99") < SemanticVersion("1.0.0-a"))
        #expect(try SemanticVersion("1.0.0-B") < SemanticVersion("1.0.0-a"))
    }

    @Test func ignoresBuildMetadataWhenComparing() throws {
        let a = try SemanticVersion("1.0.0+a"), b = try SemanticVersion("1.0.0+b")
        #expect(a == b)
        #expect(!(a < b) && !(b < a))
        #expect(Set([a, b]).count == 1)
        #expect(a.description == "1.0.0+a")
    }
}
