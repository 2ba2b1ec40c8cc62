import Foundation
import Testing
@testable import AccordCore

/// The country a workspace reports from.
@Suite struct HomeCountryTests {
    private func config(_ yaml: String) throws -> WorkspaceConfig {
        try reading(yaml, as: "accord.yaml") { path in try WorkspaceConfig.load(from: path) }
    }

    @Test func theTimeZoneGivesTheCountryUnlessAccordYamlNamesOne() throws {
        #expect(HomeCountry.of(timeZone: "Asia/Seoul") == "KR")
        #expect(HomeCountry.of(timeZone: "Europe/Riga") == "LV")
        #expect(HomeCountry.of(timeZone: "UTC") == nil)
        #expect(try config("timezone: Asia/Seoul\n").resolvedHomeCountry == "KR")
        #expect(try config("timezone: Asia/Seoul\nhome_country: LV\n").resolvedHomeCountry == "LV")
        #expect(try config("timezone: UTC\n").resolvedHomeCountry == nil)
    }

    @Test func aHomeCountryThatIsNoCountryIsRefusedAtItsLine() throws {
        let error = #expect(throws: ConfigError.self) { try config("name: x\nhome_country: Korea\n") }
        #expect(error?.description.contains("accord.yaml:2") == true, "\(String(describing: error))")
        #expect(error?.description.contains("home_country: 'Korea' is not an ISO 3166-1 alpha-2 country code") == true)
    }
}
