import Foundation
import Testing
@testable import accord_bench

/// How the bench compares the reports made from the two databases.
@Suite struct ServerPhasesTests {
    @Test func runIDsOfEveryLengthAreTakenOutOfAReportsJSON() {
        let json = Data(#"{"runs": ["2026-12-04T16:41:53Z-3b939dd", "2026-12-04T16:44:43Z-c610adce"], "id": "2026-12-04T16:41:53Z"}"#.utf8)
        #expect(ServerPhases.withoutRunIDs(json) == #"{"runs": ["run", "run"], "id": "2026-12-04T16:41:53Z"}"#)
    }
}
