import Testing
@testable import AccordCore

@Suite struct RecordKindTests {
    @Test func eachKindsNumberIsItsPlaceAmongAllCases() {
        #expect(RecordKind.allCases.map(\.number) == Array(RecordKind.allCases.indices))
    }

    @Test func eachKindIsFoundByItsSection() {
        #expect(RecordKind.allCases.map { RecordKind(section: $0.section) } == RecordKind.allCases)
    }
}
