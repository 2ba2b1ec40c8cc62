import AccordCore
import Foundation
import Testing
@testable import AccordScripting
import ToolSupport

/// The texts the compiled engine writes into evidence, against what the DSL's Lua writes.
@Suite struct EvidenceTextTests {
    private static func written(_ amount: Double) -> String {
        var out: [UInt8] = []
        EvidenceToken.fifteenDigits(amount, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func anAmountIsWrittenAsLuasFifteenDigitsWriteIt() {
        var random = SeededRandom(seed: 15)
        var amounts: [Double] = [0, -0.0, 1, -1, 520_000_000, 999_999_999_999_999, -999_999_999_999_999, 1e15, 1e15 + 2,
                                 123.5, 0.1, 1e20, -3e14, 9_007_199_254_740_993, 1.5e-7, .infinity, -.infinity, .nan]
        for _ in 0..<2000 {
            let digits = Double(random.below(1_000_000_000))
            amounts += [digits, digits * 1000, digits / 100, Double(random.below(100)) * pow(10, Double(random.below(24)))]
        }
        for amount in amounts {
            #expect(Self.written(amount) == String(format: "%.15g", amount), "\(amount)")
        }
    }

    @Test func abroadAndPartyAbroadHoldExactlyWhenWhatTheySawSaysTheyDo() {
        var random = SeededRandom(seed: 16)
        let countries: [String?] = ["KR", "kr", "Kr", "US", "CH", "", nil]
        var held = (abroad: 0, partyAbroad: 0)
        for i in 0..<20_000 {
            // Parties with an organization of the catalog, with none, and unnamed, with a country or without.
            var parties: [Party] = [], catalogued: [Organization] = []
            for j in 0..<random.int(0...4) {
                let role = random.pick(PartyRole.allCases), country = random.pick(countries)
                if random.chance(0.15) {
                    parties.append(Party(unnamed: UnnamedParty(description: "some", kind: .hospital, country: country), role: role))
                } else {
                    parties.append(Party(organization: "o\(j)", role: role))
                    if !random.chance(0.1) {
                        catalogued.append(Organization(id: "o\(j)", name: "O", kind: .globalPharma, country: country ?? ""))
                    }
                }
            }
            let territories = (0..<random.int(0...3)).map { _ in random.pick(["KR", "kr", "US", "JP"]) }
            let p = Partnership(id: "p\(i)", title: "t", form: .mou, status: .announced, parties: parties, territories: territories)
            let catalog = RecordCatalog(meta: [:], organizations: catalogued, sources: [])
            var organizations = PartyOrganizations()
            organizations.read(p, in: { catalog })
            let mask = UInt64(random.below(1 << PartyRole.allCases.count))
            let abroad = EvidenceToken.abroadSeen(p, organizations).holds
            let partyAbroad = EvidenceToken.partyAbroadSeen(p, organizations, mask).holds
            #expect(EvidenceToken.abroad(p, organizations) == abroad, "\(p.territories) \(catalogued)")
            #expect(EvidenceToken.partyAbroad(p, organizations, mask) == partyAbroad,
                    "\(parties) \(catalogued) \(mask)")
            held.abroad += abroad ? 1 : 0
            held.partyAbroad += partyAbroad ? 1 : 0
        }
        #expect(held.abroad > 1000 && held.partyAbroad > 1000)
    }
}
